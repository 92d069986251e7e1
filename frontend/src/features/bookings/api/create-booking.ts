import { apiRequest } from '@/lib/api-client';
import type { Booking } from '@/types/api';

/** A fresh key for one booking attempt: 32 random hex digits. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));

  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
 * Books all the seats or none; answers 201 with the booking itself.
 * The Idempotency-Key makes a retry of the same attempt safe: the server
 * answers it with the first booking instead of booking again. Pass the key
 * of the attempt being retried; a new attempt gets a new key.
 */
export function createBooking(
  performanceId: number,
  seatIds: number[],
  idempotencyKey: string = newIdempotencyKey(),
): Promise<Booking> {
  return apiRequest<Booking>('/api/bookings', {
    method: 'POST',
    body: { performance_id: performanceId, seat_ids: seatIds },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
