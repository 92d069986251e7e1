import { mockFetch } from '@/testing/fetch-mock';

import { createBooking, newIdempotencyKey } from './create-booking';

const booked = { status: 201, body: { booking_id: 7 } };

describe('createBooking', () => {
  it('sends an Idempotency-Key of visible ASCII with every booking', async () => {
    const { requests } = mockFetch({ 'POST /api/bookings': booked });

    await createBooking(12, [1207, 1208]);

    expect(requests[0]!.headers['Idempotency-Key']).toMatch(/^[!-~]{1,100}$/);
    expect(requests[0]!.headers['Content-Type']).toBe('application/json');
    expect(requests[0]!.body).toEqual({
      performance_id: 12,
      seat_ids: [1207, 1208],
    });
  });

  it('gives each new attempt its own key', async () => {
    const { requests } = mockFetch({ 'POST /api/bookings': booked });

    await createBooking(12, [1207]);
    await createBooking(12, [1207]);

    expect(requests[0]!.headers['Idempotency-Key']).not.toBe(
      requests[1]!.headers['Idempotency-Key'],
    );
  });

  it('sends the same key again when an attempt is retried', async () => {
    const { requests } = mockFetch({ 'POST /api/bookings': booked });
    const key = newIdempotencyKey();

    await createBooking(12, [1207], key);
    await createBooking(12, [1207], key);

    expect(requests.map((r) => r.headers['Idempotency-Key'])).toEqual([
      key,
      key,
    ]);
  });
});
