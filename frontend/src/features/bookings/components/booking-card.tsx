import { Link } from 'react-router';

import { formatMoney, formatVenueDateTime, plural } from '@/lib/format';
import type { Booking } from '@/types/api';

import { BookingSeats } from './booking-seats';
import { BookingStatus } from './booking-status';
import {
  CancelButton,
  CancelConfirmation,
  useCancelBooking,
} from './cancel-booking';

type Props = {
  booking: Booking;
  past?: boolean;
  onChange: (booking: Booking) => void;
  /** The server refused a change: read the bookings again. */
  onStale?: () => void;
};

export function BookingCard({
  booking,
  past = false,
  onChange,
  onStale,
}: Props) {
  const when = formatVenueDateTime(booking.starts_at, booking.time_zone);
  const cancelled = booking.status === 'cancelled';
  const canCancel = !past && !cancelled && booking.cancellable;
  const flow = useCancelBooking(booking, onChange, onStale);

  return (
    <article
      className={`booking-card${cancelled ? ' booking-card--cancelled' : ''}${
        past ? ' booking-card--past' : ''
      }`}
      aria-labelledby={`booking-${booking.booking_id}`}
      data-booking-id={booking.booking_id}
    >
      <header className="booking-card__head">
        <div>
          <h3
            className="booking-card__title"
            id={`booking-${booking.booking_id}`}
          >
            <Link to={`/bookings/${booking.booking_id}`}>{booking.title}</Link>
          </h3>
          <p className="booking-card__when">
            <time dateTime={booking.starts_at}>
              {when.date} · {when.time} {when.zone}
            </time>
          </p>
          <p className="muted">
            {booking.venue_name}, {booking.city}
          </p>
        </div>
        <div className="booking-card__status">
          <BookingStatus booking={booking} past={past} />
          <span className="booking-card__ref">
            Booking #{booking.booking_id}
          </span>
        </div>
      </header>
      <p className="booking-card__seats">
        {plural(booking.seat_count, 'seat')}:{' '}
        {booking.seats
          .map(
            (seat) => `${seat.section} ${seat.row_label}-${seat.seat_number}`,
          )
          .join(', ')}
      </p>
      <footer className="booking-card__foot">
        <span className="booking-card__total">
          Total{' '}
          <strong>{formatMoney(booking.total_cents, booking.currency)}</strong>
        </span>
        {canCancel && <CancelButton flow={flow} />}
      </footer>
      <CancelConfirmation booking={booking} flow={flow} />
      {cancelled && booking.cancelled_at && (
        <p className="muted small">
          Cancelled on{' '}
          {new Date(booking.cancelled_at).toLocaleString('en-GB', {
            dateStyle: 'medium',
            timeStyle: 'short',
          })}
        </p>
      )}
      <details className="booking-card__details">
        <summary>Seat details</summary>
        <BookingSeats booking={booking} />
      </details>
    </article>
  );
}
