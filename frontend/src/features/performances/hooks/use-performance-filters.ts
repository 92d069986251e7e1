import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

import {
  SORT_KEYS,
  type PerformanceFilters,
  type SortKey,
  type SortOrder,
} from '../api/get-performances';

export const PAGE_SIZE = 20;

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;

  const number = Number(value);

  return number > 0 ? number : undefined;
}

/**
 * The dashboard's filter, sort and page state, kept in the URL so it can be
 * shared, bookmarked and restored with the back button.
 */
export function usePerformanceFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<PerformanceFilters>(() => {
    const sort = params.get('sort');
    const order = params.get('order');

    return {
      page: positiveInt(params.get('page')) ?? 1,
      pageSize: PAGE_SIZE,
      sort: SORT_KEYS.includes(sort as SortKey)
        ? (sort as SortKey)
        : 'starts_at',
      order: order === 'desc' ? 'desc' : 'asc',
      genreId: positiveInt(params.get('genre')),
      venueId: positiveInt(params.get('venue')),
    };
  }, [params]);

  const update = useCallback(
    (changes: Record<string, string | number | undefined>) => {
      setParams((previous) => {
        const next = new URLSearchParams(previous);

        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }

        if (next.get('page') === '1') next.delete('page');

        return next;
      });
    },
    [setParams],
  );

  const setSort = useCallback(
    (sort: SortKey, order?: SortOrder) => {
      const nextOrder =
        order ??
        (filters.sort === sort && filters.order === 'asc' ? 'desc' : 'asc');

      update({ sort, order: nextOrder, page: undefined });
    },
    [filters.sort, filters.order, update],
  );

  const setGenre = useCallback(
    (genreId: number | undefined) =>
      update({ genre: genreId, page: undefined }),
    [update],
  );

  const setVenue = useCallback(
    (venueId: number | undefined) =>
      update({ venue: venueId, page: undefined }),
    [update],
  );

  const setPage = useCallback((page: number) => update({ page }), [update]);

  const clearFilters = useCallback(
    () => update({ genre: undefined, venue: undefined, page: undefined }),
    [update],
  );

  return { filters, setSort, setGenre, setVenue, setPage, clearFilters };
}
