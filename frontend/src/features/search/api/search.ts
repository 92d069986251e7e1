import { api } from '@/lib/api-client';
import type { Genre, PerformanceSummary, Venue } from '@/types/api';

export type SearchResult = PerformanceSummary & {
  relevance: number;
  popularity: number;
};

/** The sorts the API knows (GET /api/search, `sort`). */
export const SEARCH_SORTS = [
  'relevance',
  'date',
  'popularity',
  'price',
] as const;

export type SearchSort = (typeof SEARCH_SORTS)[number];

export type SearchPage = {
  items: SearchResult[];
  page: number;
  page_size: number;
  total: number;
  sort: SearchSort;
  q: string;
};

/** Every filter the search page keeps in the URL, by query-string name. */
export const SEARCH_KEYS = [
  'q',
  'genres',
  'venue_id',
  'city',
  'date_from',
  'date_to',
  'time_of_day',
  'price_min_cents',
  'price_max_cents',
  'group_size',
  'sort',
  'page',
] as const;

export function searchPerformances(
  params: URLSearchParams,
  signal?: AbortSignal,
) {
  const query = params.toString();

  return api.get<SearchPage>(`/api/search${query ? `?${query}` : ''}`, signal);
}

export function getSearchOptions(signal?: AbortSignal) {
  return Promise.all([
    api.get<{ items: Genre[] }>('/api/genres', signal),
    api.get<{ items: Venue[] }>('/api/venues', signal),
  ]).then(([genres, venues]) => ({
    genres: genres.items,
    venues: venues.items,
  }));
}
