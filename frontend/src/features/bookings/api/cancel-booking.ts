import { api } from '@/lib/api-client';
import type { Booking } from '@/types/api';

export function cancelBooking(bookingId: number): Promise<Booking> {
  return api.post<Booking>(`/api/bookings/${bookingId}/cancel`);
}
