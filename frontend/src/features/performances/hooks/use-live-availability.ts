import { useCallback, useEffect, useMemo, useState } from 'react';

import { useQuery } from '@/lib/use-query';
import type { PerformanceDetail, Seat } from '@/types/api';

import { getPerformance, getSeatMap } from '../api/get-performance';
import { getHolds, type Holds } from '../api/holds';

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
 * releases seats of this performance; each event reads everything again,
 * so another user's booking shows within a second. Seats the user holds
 * come back as `available` in `seats` and are listed in `heldIds`.
 */
export function useLiveAvailability(
  performanceId: number,
  { withHolds = false }: { withHolds?: boolean } = {},
) {
  const query = useQuery<Live>(
    `performance:${performanceId}:${withHolds ? 'holds' : 'plain'}`,
    async (signal) => {
      const [performance, seatMap, holds] = await Promise.all([
        getPerformance(performanceId, signal),
        getSeatMap(performanceId, signal),
        withHolds ? getHolds(performanceId, signal) : undefined,
      ]);

      return { performance, seats: seatMap.seats, holds };
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

  // While someone else holds a seat, read the seats again now and then, so
  // a hold that runs out frees its seat on this map too.
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
