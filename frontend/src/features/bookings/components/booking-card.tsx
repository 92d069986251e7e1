import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { errorMessage } from '@/lib/error-messages';
import { formatMoney, formatVenueDateTime, plural } from '@/lib/format';
import type { Booking } from '@/types/api';

import { cancelBooking } from '../api/cancel-booking';

import { BookingSeats } from './booking-seats';
import { BookingStatus } from './booking-status';

type Props = {
  booking: Booking;
  past?: boolean;
  onChange: (booking: Booking) => void;
};

export function BookingCard({ booking, past = false, onChange }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const keepRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const when = formatVenueDateTime(booking.starts_at, booking.time_zone);
  const cancelled = booking.status === 'cancelled';
  const canCancel = !past && !cancelled && booking.cancellable;

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  async function handleCancel() {
    setBusy(true);
    setError(undefined);

    try {
      onChange(await cancelBooking(booking.booking_id));
      setConfirming(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

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
        {canCancel && !confirming && (
          <Button
            ref={cancelRef}
            variant="secondary"
            size="sm"
            onClick={() => setConfirming(true)}
          >
            Cancel booking
          </Button>
        )}
      </footer>
      {confirming && (
        <div
          className="confirm"
          role="group"
          aria-label={`Confirm cancelling booking #${booking.booking_id}`}
        >
          <p>
            Cancel this booking? Your {plural(booking.seat_count, 'seat')} will
            be released for others to book. This cannot be undone.
          </p>
          <div className="confirm__actions">
            <Button
              ref={keepRef}
              variant="secondary"
              size="sm"
              onClick={() => {
                setConfirming(false);
                setError(undefined);
                requestAnimationFrame(() => cancelRef.current?.focus());
              }}
              disabled={busy}
            >
              Keep booking
            </Button>
            <Button
              variant="danger"
              size="sm"
              busy={busy}
              onClick={handleCancel}
            >
              Yes, cancel booking
            </Button>
          </div>
        </div>
      )}
      {error !== undefined && (
        <Notice tone="error">{errorMessage(error)}</Notice>
      )}
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
