import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/** Books all the seats or none; answers 201 with the booking itself. */
export function createBooking(
  performanceId: number,
  seatIds: number[],
): Promise<Booking> {
  return api.post<Booking>('/api/bookings', {
    performance_id: performanceId,
    seat_ids: seatIds,
  });
}
