import { Select } from '@/components/ui/select';
import { useQuery } from '@/lib/use-query';

import { getGenres, getVenues } from '../api/get-catalogue';
import type {
  PerformanceFilters as Filters,
  SortKey,
  SortOrder,
} from '../api/get-performances';

const SORT_OPTIONS: { value: string; label: string }[] = [
  { value: 'starts_at:asc', label: 'Soonest first' },
  { value: 'starts_at:desc', label: 'Latest first' },
  { value: 'title:asc', label: 'Title A–Z' },
  { value: 'title:desc', label: 'Title Z–A' },
  { value: 'genre:asc', label: 'Genre A–Z' },
  { value: 'venue:asc', label: 'Venue A–Z' },
];

type Props = {
  filters: Filters;
  onGenre: (genreId: number | undefined) => void;
  onVenue: (venueId: number | undefined) => void;
  onSort: (sort: SortKey, order: SortOrder) => void;
  onClear: () => void;
};

function toId(value: string): number | undefined {
  return value ? Number(value) : undefined;
}

export function PerformanceFilters({
  filters,
  onGenre,
  onVenue,
  onSort,
  onClear,
}: Props) {
  const genres = useQuery('genres', getGenres);
  const venues = useQuery('venues', getVenues);
  const sortValue = `${filters.sort}:${filters.order}`;
  const filtered =
    filters.genreId !== undefined || filters.venueId !== undefined;

  return (
    <div className="filters" role="search" aria-label="Filter performances">
      <Select
        label="Genre"
        value={filters.genreId ?? ''}
        onChange={(event) => onGenre(toId(event.target.value))}
        disabled={!genres.data && !genres.error}
      >
        <option value="">All genres</option>
        {genres.data?.items.map((genre) => (
          <option key={genre.genre_id} value={genre.genre_id}>
            {genre.name}
          </option>
        ))}
      </Select>
      <Select
        label="Venue"
        value={filters.venueId ?? ''}
        onChange={(event) => onVenue(toId(event.target.value))}
        disabled={!venues.data && !venues.error}
      >
        <option value="">All venues</option>
        {venues.data?.items.map((venue) => (
          <option key={venue.venue_id} value={venue.venue_id}>
            {venue.name} ({venue.city})
          </option>
        ))}
      </Select>
      <Select
        label="Sort by"
        className="filters__sort"
        value={SORT_OPTIONS.some((o) => o.value === sortValue) ? sortValue : ''}
        onChange={(event) => {
          const [sort, order] = event.target.value.split(':');

          onSort(sort as SortKey, order as SortOrder);
        }}
      >
        {!SORT_OPTIONS.some((o) => o.value === sortValue) && (
          <option value="">Custom</option>
        )}
        {SORT_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      {filtered && (
        <button
          type="button"
          className="btn btn--ghost btn--sm"
          onClick={onClear}
        >
          Clear filters
        </button>
      )}
      {(genres.error !== undefined || venues.error !== undefined) && (
        <p className="filters__error" role="alert">
          Some filters could not be loaded.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              genres.reload();
              venues.reload();
            }}
          >
            Try again
          </button>
        </p>
      )}
    </div>
  );
}
