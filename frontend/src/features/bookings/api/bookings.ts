import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

export async function createBooking(
  performanceId: number,
  seatIds: number[],
): Promise<Booking> {
  const { booking } = await api.post<{ booking: Booking }>('/api/bookings', {
    performance_id: performanceId,
    seat_ids: seatIds,
  });

  return booking;
}

export function getBookings(signal?: AbortSignal) {
  return api.get<{ items: Booking[] }>('/api/bookings', signal);
}

export async function getBooking(bookingId: number, signal?: AbortSignal) {
  const { booking } = await api.get<{ booking: Booking }>(
    `/api/bookings/${bookingId}`,
    signal,
  );

  return booking;
}

export async function cancelBooking(bookingId: number): Promise<Booking> {
  const { booking } = await api.post<{ booking: Booking }>(
    `/api/bookings/${bookingId}/cancel`,
  );

  return booking;
}
