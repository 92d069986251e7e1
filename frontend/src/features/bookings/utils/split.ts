import type { Booking } from '@/types/api';

/** Upcoming (soonest first) and past (latest first), by performance start. */
export function splitBookings(bookings: Booking[], now = Date.now()) {
  const time = (booking: Booking) => Date.parse(booking.starts_at);
  const upcoming = bookings
    .filter((booking) => time(booking) > now)
    .sort((a, b) => time(a) - time(b));
  const past = bookings
    .filter((booking) => time(booking) <= now)
    .sort((a, b) => time(b) - time(a));

  return { upcoming, past };
}
