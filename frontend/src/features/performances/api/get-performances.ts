import { api, toQuery } from '@/lib/api-client';
import type { Page, PerformanceSummary } from '@/types/api';

export const SORT_KEYS = ['starts_at', 'title', 'genre', 'venue'] as const;

export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export type PerformanceFilters = {
  page: number;
  pageSize: number;
  sort: SortKey;
  order: SortOrder;
  genreId?: number;
  venueId?: number;
};

export function performancesPath(filters: PerformanceFilters): string {
  return `/api/performances${toQuery({
    page: filters.page,
    page_size: filters.pageSize,
    sort: filters.sort,
    order: filters.order,
    genre_id: filters.genreId,
    venue_id: filters.venueId,
  })}`;
}

export function getPerformances(
  filters: PerformanceFilters,
  signal?: AbortSignal,
) {
  return api.get<Page<PerformanceSummary>>(performancesPath(filters), signal);
}
