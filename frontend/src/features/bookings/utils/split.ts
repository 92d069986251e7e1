import type { Booking } from '@/types/api';

/**
 * Confirmed bookings still to come (soonest first) and those whose
 * performance has started (latest first); cancelled ones apart, latest
 * performance first, whenever they were for.
 */
export function splitBookings(bookings: Booking[], now = Date.now()) {
  const time = (booking: Booking) => Date.parse(booking.starts_at);
  const confirmed = bookings.filter(
    (booking) => booking.status !== 'cancelled',
  );
  const upcoming = confirmed
    .filter((booking) => time(booking) > now)
    .sort((a, b) => time(a) - time(b));
  const past = confirmed
    .filter((booking) => time(booking) <= now)
    .sort((a, b) => time(b) - time(a));
  const cancelled = bookings
    .filter((booking) => booking.status === 'cancelled')
    .sort((a, b) => time(b) - time(a));

  return { upcoming, past, cancelled };
}
