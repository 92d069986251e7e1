import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { useQuery } from '@/lib/use-query';
import type { PerformanceDetail, Seat } from '@/types/api';

import {
  getPerformance,
  getSeatMap,
  getSeatStatus,
} from '../api/get-performance';
import { getHolds, type Holds } from '../api/holds';
import { withStatus } from '../utils/seats';

import { useServerEvents, type ServerEvent } from './use-server-events';

/**
 * How long a seat another user holds may show as held after the hold ran
 * out: holds end by the clock, and nothing is pushed when one does.
 */
export const HELD_RECHECK_MS = 30_000;

type Live = {
  performance: PerformanceDetail;
  seats: Seat[];
  holds?: Holds;
};

/**
 * The performance, its section counts, its seat map and (for a logged-in
 * user) their own holds, kept fresh by server push.
 *
 * The server sends an event whenever anyone books, cancels, holds or
 * releases seats of this performance; each event reads the performance and
 * which seats are taken again, so another user's booking shows within a
 * second. The seat layout never changes for a performance, so the whole
 * seat map is read once; every later read (an event, the recheck of
 * others' holds, `reload`, `markTaken`) asks only which seats are booked or
 * held and sets those statuses on the kept layout. Seats the user holds
 * come back as `available` in `seats` and are listed in `heldIds`.
 */
export function useLiveAvailability(
  performanceId: number,
  { withHolds = false }: { withHolds?: boolean } = {},
) {
  // The seats of the last answer, with their positions: once they are
  // known, a refresh needs only the status (a few kB, not the ~150 kB map).
  const layout = useRef<{ performanceId: number; seats: Seat[] }>(undefined);

  const query = useQuery<Live>(
    `performance:${performanceId}:${withHolds ? 'holds' : 'plain'}`,
    async (signal) => {
      const known =
        layout.current?.performanceId === performanceId
          ? layout.current.seats
          : undefined;
      const [performance, seats, holds] = await Promise.all([
        getPerformance(performanceId, signal),
        known
          ? getSeatStatus(performanceId, signal).then((status) =>
              withStatus(known, status),
            )
          : getSeatMap(performanceId, signal).then((map) => map.seats),
        withHolds ? getHolds(performanceId, signal) : undefined,
      ]);

      layout.current = { performanceId, seats };

      return { performance, seats, holds };
    },
    { keepPreviousData: true },
  );
  const { reload, requestedAt, data } = query;

  // The first hello comes with the first load; anything else means the
  // seats changed or may have (a reconnect), so read them again.
  const onEvent = useCallback(
    (event: ServerEvent) => {
      if (event.type !== 'hello') reload();
    },
    [reload],
  );
  const { connected } = useServerEvents(
    `/api/performances/${performanceId}/events`,
    onEvent,
  );

  // While someone else holds a seat, read the statuses again now and then,
  // so a hold that runs out frees its seat on this map too.
  const someoneHolds = data?.seats.some((seat) => seat.status === 'held');

  useEffect(() => {
    if (!someoneHolds) return undefined;

    const timer = window.setTimeout(reload, HELD_RECHECK_MS);

    return () => window.clearTimeout(timer);
  }, [someoneHolds, requestedAt, reload]);

  // Seats the server has told us are taken (a failed booking) that an
  // in-flight refresh may not show yet. Dropped once a newer answer arrives.
  const [takenLocally, setTakenLocally] = useState<{
    ids: Set<number>;
    since: number;
  }>({ ids: new Set(), since: 0 });

  const markTaken = useCallback(
    (ids: number[]) => {
      setTakenLocally((previous) => ({
        ids: new Set([...previous.ids, ...ids]),
        since: Date.now(),
      }));
      reload();
    },
    [reload],
  );

  const heldIds = useMemo(
    () =>
      (data?.holds?.holds ?? [])
        .filter((hold) => hold.state === 'held')
        .map((hold) => hold.seat_id),
    [data],
  );

  const seats = useMemo(() => {
    if (!data) return undefined;

    const stale = requestedAt !== undefined && requestedAt < takenLocally.since;
    const mine = new Set(heldIds);

    return data.seats.map((seat) => {
      if (stale && takenLocally.ids.has(seat.seat_id)) {
        return { ...seat, status: 'booked' as const };
      }
      if (seat.status === 'held' && mine.has(seat.seat_id)) {
        return { ...seat, status: 'available' as const };
      }

      return seat;
    });
  }, [data, requestedAt, takenLocally, heldIds]);

  return {
    performance: data?.performance,
    seats,
    holds: data?.holds,
    heldIds,
    error: query.error,
    loading: query.loading,
    updatedAt: requestedAt,
    connected,
    reload,
    markTaken,
  };
}
