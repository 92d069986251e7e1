import { calendarUrl } from '@/lib/calendar';
import { formatVenueDateTime } from '@/lib/format';
import { useQuery } from '@/lib/use-query';

import { getMyBookings } from '../api/profile';

/** A calendar file for each upcoming confirmed booking. */
export function CalendarDownloads() {
  const { data } = useQuery('profile-bookings', getMyBookings);
  const upcoming = (data?.items ?? []).filter(
    (booking) =>
      booking.status === 'confirmed' &&
      new Date(booking.starts_at) > new Date(),
  );

  if (upcoming.length === 0) return null;

  return (
    <section className="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title" className="card__title">
        Add to your calendar
      </h2>
      <ul className="stack">
        {upcoming.map((booking) => (
          <li key={booking.booking_id}>
            <a href={calendarUrl(booking.booking_id)} download>
              {booking.title},{' '}
              {formatVenueDateTime(booking.starts_at, booking.time_zone).full}{' '}
              (.ics)
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
