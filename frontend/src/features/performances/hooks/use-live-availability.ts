import { useCallback, useEffect, useMemo, useState } from 'react';

import { useQuery } from '@/lib/use-query';
import type { PerformanceDetail, Seat } from '@/types/api';

import { getPerformance, getSeatMap } from '../api/get-performance';

export const REFRESH_MS = 5000;

type Live = {
  performance: PerformanceDetail;
  seats: Seat[];
};

/**
 * The performance, its section counts and its seat map, kept fresh.
 *
 * This is the one place that decides how fresh data arrives. It polls every
 * five seconds while the tab is visible.
 * TODO: replace the polling with server push once the API offers it, so
 * another user's booking shows within a second; callers need not change.
 */
export function useLiveAvailability(performanceId: number) {
  const query = useQuery<Live>(
    `performance:${performanceId}`,
    async (signal) => {
      const [performance, seatMap] = await Promise.all([
        getPerformance(performanceId, signal),
        getSeatMap(performanceId, signal),
      ]);

      return { performance, seats: seatMap.seats };
    },
  );
  const { reload, requestedAt, data } = query;

  // Seats the server has told us are taken (a failed booking) that an
  // in-flight refresh may not show yet. Dropped once a newer answer arrives.
  const [takenLocally, setTakenLocally] = useState<{
    ids: Set<number>;
    since: number;
  }>({ ids: new Set(), since: 0 });

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'hidden') reload();
    }, REFRESH_MS);

    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };

    document.addEventListener('visibilitychange', onVisible);

    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);

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

  const seats = useMemo(() => {
    if (!data) return undefined;

    const stale = requestedAt !== undefined && requestedAt < takenLocally.since;

    if (!stale || takenLocally.ids.size === 0) return data.seats;

    return data.seats.map((seat) =>
      takenLocally.ids.has(seat.seat_id)
        ? { ...seat, status: 'booked' as const }
        : seat,
    );
  }, [data, requestedAt, takenLocally]);

  return {
    performance: data?.performance,
    seats,
    error: query.error,
    loading: query.loading,
    updatedAt: requestedAt,
    reload,
    markTaken,
  };
}
