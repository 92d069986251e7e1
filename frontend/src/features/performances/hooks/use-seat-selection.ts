import { useCallback, useEffect, useMemo, useState } from 'react';

import type { Seat } from '@/types/api';

import { MAX_SEATS } from '../utils/seats';

export type ToggleResult = 'selected' | 'deselected' | 'limit' | 'unavailable';

/**
 * The seats the user has picked, in the order they picked them. Seats that
 * turn out to be booked, or held by someone else, are dropped and reported
 * through `lost`.
 */
export function useSeatSelection(seats: Seat[] | undefined) {
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const [lost, setLost] = useState<Seat[]>([]);

  const seatsById = useMemo(
    () => new Map((seats ?? []).map((seat) => [seat.seat_id, seat])),
    [seats],
  );

  useEffect(() => {
    const gone = selectedIds
      .map((id) => seatsById.get(id))
      .filter(
        (seat): seat is Seat =>
          seat !== undefined && seat.status !== 'available',
      );

    if (gone.length === 0) return;

    const goneIds = new Set(gone.map((seat) => seat.seat_id));

    setSelectedIds((ids) => ids.filter((id) => !goneIds.has(id)));
    setLost(gone);
  }, [seatsById, selectedIds]);

  const toggle = useCallback(
    (seat: Seat): ToggleResult => {
      if (selectedIds.includes(seat.seat_id)) {
        setSelectedIds((ids) => ids.filter((id) => id !== seat.seat_id));
        return 'deselected';
      }

      if (seat.status !== 'available') return 'unavailable';
      if (selectedIds.length >= MAX_SEATS) return 'limit';

      setSelectedIds((ids) => [...ids, seat.seat_id]);
      return 'selected';
    },
    [selectedIds],
  );

  const remove = useCallback((ids: number[]) => {
    const drop = new Set(ids);

    setSelectedIds((current) => current.filter((id) => !drop.has(id)));
  }, []);

  const clear = useCallback(() => setSelectedIds([]), []);
  const replace = useCallback((ids: number[]) => setSelectedIds(ids), []);
  const dismissLost = useCallback(() => setLost([]), []);

  const selected = useMemo(
    () =>
      selectedIds
        .map((id) => seatsById.get(id))
        .filter((seat): seat is Seat => seat !== undefined),
    [selectedIds, seatsById],
  );

  return {
    selected,
    selectedIds,
    toggle,
    remove,
    clear,
    replace,
    lost,
    dismissLost,
  };
}
