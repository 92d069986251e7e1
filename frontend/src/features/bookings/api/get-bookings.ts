import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

export function getBookings(signal?: AbortSignal) {
  return api.get<{ items: Booking[] }>('/api/bookings', signal);
}

export function getBooking(bookingId: number, signal?: AbortSignal) {
  return api.get<Booking>(`/api/bookings/${bookingId}`, signal);
}
