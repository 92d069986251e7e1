import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { ErrorBoundary } from '@/components/error-boundary';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { createBooking } from '@/features/bookings/api/create-booking';
import {
  PerformanceInfo,
  ShowDetails,
} from '@/features/performances/components/performance-info';
import { SeatPicker } from '@/features/performances/components/seat-picker';
import { SimilarShows } from '@/features/similar/components/similar-shows';
import { SectionAvailability } from '@/features/performances/components/section-availability';
import { useLiveAvailability } from '@/features/performances/hooks/use-live-availability';
import { useAuth } from '@/lib/auth';
import { idFromPath } from '@/lib/ids';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { PerformanceDetail, Seat } from '@/types/api';

import { NotFoundRoute } from './not-found';

function ClosedNotice({
  performance,
  seats,
}: {
  performance: PerformanceDetail;
  seats: Seat[];
}) {
  if (performance.on_sale) {
    // The live plan decides: seats the user holds count as theirs to book,
    // and seats others hold may still come back.
    if (seats.some((seat) => seat.status === 'available')) return null;

    if (seats.some((seat) => seat.status === 'held')) {
      return (
        <Notice tone="warning" title="All seats are taken for now">
          Every seat is booked or held by someone checking out. Held seats come
          back on the plan if they are not bought in time, and so do seats
          released by cancellations.
        </Notice>
      );
    }

    return (
      <Notice tone="warning" title="Sold out">
        Every seat for this performance is booked. Seats released by
        cancellations appear on the plan as soon as they are free.
      </Notice>
    );
  }

  return (
    <Notice tone="info" title="Not on sale">
      {performance.status === 'cancelled'
        ? 'This performance has been cancelled. The seat plan is shown for reference only.'
        : 'This performance has already started, so booking is closed. The seat plan is shown for reference only.'}
    </Notice>
  );
}

function LiveStatus({
  updatedAt,
  failing,
  connected,
}: {
  updatedAt?: number;
  failing: boolean;
  connected: boolean;
}) {
  if (failing) {
    return (
      <p className="live live--failing" role="status">
        Connection lost; seat availability may be out of date. Retrying…
      </p>
    );
  }

  return (
    <p className="live">
      <span className="live__dot" aria-hidden="true" />{' '}
      {connected ? 'Live availability' : 'Availability'}
      {updatedAt &&
        ` · updated ${new Date(updatedAt).toLocaleTimeString('en-GB')}`}
    </p>
  );
}

function PerformanceSkeleton() {
  return (
    <div className="stack-lg" aria-busy="true" aria-label="Loading performance">
      <div className="stack">
        <Skeleton width="20%" />
        <Skeleton width="55%" height="2.4em" />
        <Skeleton width="35%" />
      </div>
      <Skeleton height="22rem" />
    </div>
  );
}

function PerformancePage({ performanceId }: { performanceId: number }) {
  const navigate = useNavigate();
  const { user } = useAuth();
  const live = useLiveAvailability(performanceId, { withHolds: user !== null });
  const { performance, seats, error, reload, markTaken, updatedAt } = live;
  const { holds, heldIds, connected } = live;
  const holding = useMemo(
    () =>
      user && holds
        ? {
            heldIds,
            secondsLeft: holds.seconds_left,
            receivedAt: updatedAt ?? Date.now(),
            onChanged: reload,
          }
        : undefined,
    [user, holds, heldIds, updatedAt, reload],
  );

  useDocumentTitle(performance?.show.title ?? 'Performance');

  const book = useCallback(
    async (seatIds: number[]) => {
      const booking = await createBooking(performanceId, seatIds);

      navigate(`/bookings/${booking.booking_id}`, {
        state: { justBooked: true },
      });
    },
    [navigate, performanceId],
  );

  if (!performance || !seats) {
    if (error) {
      return (
        <ErrorState
          title="We could not load this performance"
          error={error}
          onRetry={reload}
        />
      );
    }

    return <PerformanceSkeleton />;
  }

  return (
    <div className="performance-page">
      <p className="breadcrumb">
        <Link to="/">← All performances</Link>
      </p>
      <PerformanceInfo performance={performance} />
      <ClosedNotice performance={performance} seats={seats} />
      <div className="performance-grid">
        <section
          className="card performance-grid__seats"
          aria-labelledby="seats-title"
        >
          <div className="card__head">
            <h2 id="seats-title" className="card__title">
              {performance.on_sale ? 'Choose your seats' : 'Seat plan'}
            </h2>
            <LiveStatus
              updatedAt={updatedAt}
              failing={error !== undefined}
              connected={connected}
            />
          </div>
          <ErrorBoundary title="The seat plan failed to load">
            <SeatPicker
              performance={performance}
              seats={seats}
              onBook={book}
              onSeatsTaken={markTaken}
              holding={holding}
            />
          </ErrorBoundary>
        </section>
        <section
          className="card performance-grid__availability"
          aria-labelledby="availability-title"
        >
          <h2 id="availability-title" className="card__title">
            Availability
          </h2>
          <SectionAvailability
            sections={performance.sections}
            currency={performance.currency}
            seats={seats}
          />
          <p className="muted small">
            {performance.seats_available} of {performance.capacity} seats free
          </p>
        </section>
        <div className="performance-grid__about stack-lg">
          <ShowDetails performance={performance} />
          <SimilarShows performanceId={performance.performance_id} />
        </div>
      </div>
    </div>
  );
}

export function PerformanceRoute() {
  const { performanceId } = useParams();
  const id = idFromPath(performanceId);

  if (id === undefined) return <NotFoundRoute />;

  return <PerformancePage key={id} performanceId={id} />;
}
