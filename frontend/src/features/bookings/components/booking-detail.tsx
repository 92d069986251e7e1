import { useState } from 'react';
import { Link } from 'react-router';

import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { calendarUrl } from '@/lib/calendar';
import { formatDuration, formatVenueDateTime, plural } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useQuery } from '@/lib/use-query';
import type { Booking } from '@/types/api';

import { getBooking } from '../api/get-bookings';

import { BookingSeats } from './booking-seats';
import { BookingStatus } from './booking-status';
import {
  CancelButton,
  CancelConfirmation,
  useCancelBooking,
} from './cancel-booking';

type Props = { bookingId: number; justBooked?: boolean };

export function BookingDetail({ bookingId, justBooked = false }: Props) {
  const {
    data: loaded,
    error,
    reload,
  } = useQuery(`booking:${bookingId}`, (signal) =>
    getBooking(bookingId, signal),
  );
  // The booking as cancelling it here left it, until it is read again.
  const [changed, setChanged] = useState<Booking>();
  const booking = changed?.booking_id === loaded?.booking_id ? changed : loaded;

  useDocumentTitle(
    booking
      ? justBooked
        ? 'Booking confirmed'
        : `Booking #${booking.booking_id}`
      : 'Booking',
  );

  if (!booking && error) {
    return (
      <ErrorState
        title="We could not load this booking"
        error={error}
        onRetry={reload}
      />
    );
  }

  if (!booking) {
    return (
      <div className="card stack" aria-busy="true" aria-label="Loading booking">
        <Skeleton width="50%" height="2em" />
        <Skeleton width="35%" />
        <Skeleton height="8em" />
      </div>
    );
  }

  return (
    <BookingTicket
      booking={booking}
      justBooked={justBooked}
      onChange={setChanged}
      onStale={() => {
        setChanged(undefined);
        reload();
      }}
    />
  );
}

function BookingTicket({
  booking,
  justBooked,
  onChange,
  onStale,
}: {
  booking: Booking;
  justBooked: boolean;
  onChange: (booking: Booking) => void;
  onStale: () => void;
}) {
  const flow = useCancelBooking(booking, onChange, onStale);
  const when = formatVenueDateTime(booking.starts_at, booking.time_zone);
  const past = Date.parse(booking.starts_at) <= Date.now();
  const confirmed = booking.status === 'confirmed';
  const canCancel = confirmed && !past && booking.cancellable;

  return (
    <article className="ticket" aria-labelledby="booking-title">
      <div className="ticket__banner">
        {justBooked && confirmed ? (
          <div>
            <p className="ticket__eyebrow">You&rsquo;re going to the theatre</p>
            <h1 id="booking-title" className="ticket__heading">
              Booking confirmed
            </h1>
          </div>
        ) : (
          <div>
            <p className="ticket__eyebrow">Your booking</p>
            <h1 id="booking-title" className="ticket__heading">
              Booking #{booking.booking_id}
            </h1>
          </div>
        )}
        <BookingStatus booking={booking} past={past} />
      </div>
      <div className="ticket__body">
        <h2 className="ticket__title">{booking.title}</h2>
        <p className="ticket__when">
          <time dateTime={booking.starts_at}>
            {when.date} · <strong>{when.time}</strong> {when.zone}
          </time>
        </p>
        <p className="muted">
          {booking.venue_name}, {booking.city}
        </p>
        <dl className="facts">
          <dt>Booking number</dt>
          <dd>#{booking.booking_id}</dd>
          <dt>Seats</dt>
          <dd>{plural(booking.seat_count, 'seat')}</dd>
          <dt>Running time</dt>
          <dd>{formatDuration(booking.duration_minutes)}</dd>
        </dl>
        <BookingSeats booking={booking} />
      </div>
      <div className="ticket__actions">
        <Link className="btn btn--primary" to="/bookings">
          My bookings
        </Link>
        <Link
          className="btn btn--secondary"
          to={`/performances/${booking.performance_id}`}
        >
          Back to the performance
        </Link>
        {confirmed && !past && (
          <a
            className="btn btn--secondary"
            href={calendarUrl(booking.booking_id)}
            download
          >
            Add to calendar (.ics)
          </a>
        )}
        {canCancel && <CancelButton flow={flow} />}
      </div>
      <div className="ticket__cancel">
        <CancelConfirmation booking={booking} flow={flow} />
        {booking.status === 'cancelled' && (
          <p className="muted" role="status">
            This booking is cancelled; its seats are free for others to book.
          </p>
        )}
      </div>
    </article>
  );
}
