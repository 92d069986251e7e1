import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useQuery } from '@/lib/use-query';
import type { Booking } from '@/types/api';

import { getBookings } from '../api/get-bookings';
import { splitBookings } from '../utils/split';

import { BookingCard } from './booking-card';

function BookingsSkeleton() {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading bookings">
      {[0, 1, 2].map((index) => (
        <div key={index} className="booking-card">
          <Skeleton width="40%" height="1.4em" />
          <Skeleton width="30%" />
          <Skeleton width="60%" />
        </div>
      ))}
    </div>
  );
}

export function BookingsList() {
  const { data, error, reload } = useQuery('bookings', getBookings);
  const [changed, setChanged] = useState<Map<number, Booking>>(new Map());
  const [notice, setNotice] = useState<string>();

  if (!data && error) {
    return (
      <ErrorState
        title="We could not load your bookings"
        error={error}
        onRetry={reload}
      />
    );
  }

  if (!data) return <BookingsSkeleton />;

  const bookings = data.items.map(
    (booking) => changed.get(booking.booking_id) ?? booking,
  );

  if (bookings.length === 0) {
    return (
      <EmptyState
        title="No bookings yet"
        action={
          <Link className="btn btn--primary" to="/">
            Browse performances
          </Link>
        }
      >
        When you book seats they will appear here.
      </EmptyState>
    );
  }

  const { upcoming, past, cancelled } = splitBookings(bookings);

  function handleChange(booking: Booking) {
    setChanged((previous) =>
      new Map(previous).set(booking.booking_id, booking),
    );

    if (booking.status === 'cancelled') {
      setNotice(
        `Booking #${booking.booking_id} for ${booking.title} is cancelled ` +
          'and its seats have been released.',
      );
    }
  }

  return (
    <div className="stack-lg">
      {notice && (
        <Notice tone="success" onDismiss={() => setNotice(undefined)}>
          {notice}
        </Notice>
      )}
      <BookingSection
        id="upcoming"
        title="Upcoming"
        bookings={upcoming}
        empty={
          <p className="muted">
            Nothing coming up. <Link to="/">Find a performance</Link>.
          </p>
        }
        onChange={handleChange}
        onStale={reload}
      />
      <BookingSection
        id="past"
        title="Past"
        bookings={past}
        past
        onChange={handleChange}
        onStale={reload}
      />
      <BookingSection
        id="cancelled"
        title="Cancelled"
        bookings={cancelled}
        onChange={handleChange}
        onStale={reload}
      />
    </div>
  );
}

/** One group of bookings under its heading; left out when empty, unless
 * `empty` says what to show instead. */
function BookingSection({
  id,
  title,
  bookings,
  past = false,
  empty,
  onChange,
  onStale,
}: {
  id: string;
  title: string;
  bookings: Booking[];
  past?: boolean;
  empty?: ReactNode;
  onChange: (booking: Booking) => void;
  onStale: () => void;
}) {
  if (bookings.length === 0 && !empty) return null;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {title} <span className="count">{bookings.length}</span>
      </h2>
      {bookings.length === 0 ? (
        empty
      ) : (
        <div className="stack">
          {bookings.map((booking) => (
            <BookingCard
              key={booking.booking_id}
              booking={booking}
              past={past}
              onChange={onChange}
              onStale={onStale}
            />
          ))}
        </div>
      )}
    </section>
  );
}
