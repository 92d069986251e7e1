import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { ApiError } from '@/lib/api-client';
import { formatMoney, formatVenueDateTime, plural } from '@/lib/format';
import { useQuery } from '@/lib/use-query';
import type { Genre, Venue } from '@/types/api';

import {
  getSearchOptions,
  SEARCH_KEYS,
  SEARCH_SORTS,
  searchPerformances,
  type SearchPage,
} from '../api/search';

import '../search.css';

type Draft = Record<(typeof SEARCH_KEYS)[number], string>;

function readDraft(params: URLSearchParams): Draft {
  const draft = Object.fromEntries(
    SEARCH_KEYS.map((key) => [key, params.get(key) ?? '']),
  ) as Draft;

  // Prices travel in cents; people type whole amounts.
  for (const key of ['price_min_cents', 'price_max_cents'] as const) {
    if (/^\d+$/.test(draft[key])) draft[key] = String(Number(draft[key]) / 100);
  }

  return draft;
}

function toParams(draft: Draft): URLSearchParams {
  const params = new URLSearchParams();

  for (const key of SEARCH_KEYS) {
    let value = draft[key].trim();

    if (key === 'page' || !value) continue;
    if (key === 'price_min_cents' || key === 'price_max_cents') {
      const amount = Number(value.replace(',', '.'));

      value = Number.isFinite(amount)
        ? String(Math.round(amount * 100))
        : value;
    }

    params.set(key, value);
  }

  return params;
}

const FILTER_LABELS: Record<string, string> = {
  genres: 'genres',
  venue_id: 'venue',
  city: 'city',
  date_from: 'from date',
  date_to: 'to date',
  time_of_day: 'time of day',
  price_min_cents: 'lowest price',
  price_max_cents: 'highest price',
  group_size: 'group size',
};

function activeFilters(params: URLSearchParams): string[] {
  return Object.keys(FILTER_LABELS).filter((key) => params.get(key));
}

function SearchForm({
  params,
  genres,
  venues,
  onSearch,
}: {
  params: URLSearchParams;
  genres: Genre[];
  venues: Venue[];
  onSearch: (params: URLSearchParams) => void;
}) {
  const [draft, setDraft] = useState(() => readDraft(params));
  const chosenGenres = new Set(draft.genres.split(',').filter(Boolean));

  // A new form is drawn for every history entry, but back pressed before a
  // search has rendered returns to an entry that never changed, and its
  // form still holds the edits just sent. Back and forward always show the
  // filters of the entry they land on.
  useEffect(() => {
    function showLandedFilters() {
      setDraft(readDraft(new URLSearchParams(window.location.search)));
    }

    window.addEventListener('popstate', showLandedFilters);

    return () => window.removeEventListener('popstate', showLandedFilters);
  }, []);

  function set(key: keyof Draft, value: string) {
    setDraft((previous) => ({ ...previous, [key]: value }));
  }

  function toggleGenre(id: string) {
    const next = new Set(chosenGenres);

    if (next.has(id)) next.delete(id);
    else next.add(id);

    set('genres', [...next].join(','));
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    onSearch(toParams(draft));
  }

  return (
    <form className="search-form card" role="search" onSubmit={handleSubmit}>
      <div className="search-form__main">
        <Field
          label="Search"
          type="search"
          name="q"
          maxLength={200}
          value={draft.q}
          placeholder="Title, cast, director, genre or venue"
          onChange={(event) => set('q', event.target.value)}
          hint="Accents and small typos do not matter."
        />
        <Button type="submit">Search</Button>
      </div>
      <fieldset className="search-form__genres">
        <legend className="field__label">Genres</legend>
        {genres.map((genre) => (
          <label key={genre.genre_id} className="search-form__check">
            <input
              type="checkbox"
              checked={chosenGenres.has(String(genre.genre_id))}
              onChange={() => toggleGenre(String(genre.genre_id))}
            />{' '}
            {genre.name}
          </label>
        ))}
      </fieldset>
      <div className="search-form__grid">
        <Select
          label="Venue"
          value={draft.venue_id}
          onChange={(event) => set('venue_id', event.target.value)}
        >
          <option value="">Any venue</option>
          {venues.map((venue) => (
            <option key={venue.venue_id} value={venue.venue_id}>
              {venue.name}, {venue.city}
            </option>
          ))}
        </Select>
        <Field
          label="City"
          value={draft.city}
          maxLength={100}
          onChange={(event) => set('city', event.target.value)}
        />
        <Field
          label="From"
          type="date"
          value={draft.date_from}
          onChange={(event) => set('date_from', event.target.value)}
        />
        <Field
          label="To"
          type="date"
          value={draft.date_to}
          onChange={(event) => set('date_to', event.target.value)}
        />
        <Select
          label="Time of day"
          value={draft.time_of_day}
          onChange={(event) => set('time_of_day', event.target.value)}
        >
          <option value="">Any time</option>
          <option value="matinee">Matinee (before 17:00)</option>
          <option value="evening">Evening (17:00 or later)</option>
        </Select>
        <Field
          label="Lowest price"
          inputMode="decimal"
          value={draft.price_min_cents}
          onChange={(event) => set('price_min_cents', event.target.value)}
        />
        <Field
          label="Highest price"
          inputMode="decimal"
          value={draft.price_max_cents}
          onChange={(event) => set('price_max_cents', event.target.value)}
        />
        <Select
          label="Seats for a group of"
          value={draft.group_size}
          onChange={(event) => set('group_size', event.target.value)}
        >
          <option value="">Any</option>
          {Array.from({ length: 10 }, (_, index) => index + 1).map((size) => (
            <option key={size} value={size}>
              {plural(size, 'person', 'people')}
            </option>
          ))}
        </Select>
        <Select
          label="Sort by"
          value={draft.sort}
          onChange={(event) => set('sort', event.target.value)}
        >
          {/* The best match to the words, or the soonest without any
              (the API's default either way). */}
          <option value="">Best match</option>
          <option value="date">Date</option>
          <option value="popularity">Popularity</option>
          <option value="price">Price</option>
        </Select>
      </div>
    </form>
  );
}

function Results({
  data,
  params,
  busy,
  onSearch,
}: {
  data: SearchPage;
  busy: boolean;
  params: URLSearchParams;
  onSearch: (params: URLSearchParams) => void;
}) {
  const filters = activeFilters(params);

  if (data.items.length === 0) {
    const widened = new URLSearchParams();
    const q = params.get('q');

    if (q) widened.set('q', q);

    return (
      <EmptyState
        title="Nothing matches this search"
        action={
          filters.length > 0 ? (
            <Button variant="secondary" onClick={() => onSearch(widened)}>
              Search again without filters
            </Button>
          ) : undefined
        }
      >
        {filters.length > 0
          ? `No upcoming performance matches ${q ? `“${q}” with ` : ''}` +
            `these filters: ${filters.map((key) => FILTER_LABELS[key]).join(', ')}.`
          : q
            ? `No upcoming performance matches “${q}” in a title, cast, ` +
              'director, genre or venue. Check the spelling or try fewer words.'
            : 'There are no upcoming performances right now.'}
      </EmptyState>
    );
  }

  const pages = Math.max(1, Math.ceil(data.total / data.page_size));

  function goTo(page: number) {
    const next = new URLSearchParams(params);

    next.set('page', String(page));
    onSearch(next);
  }

  return (
    <section
      aria-label="Search results"
      aria-busy={busy || undefined}
      className="stack"
    >
      <p className="muted" role="status">
        {plural(data.total, 'performance')} found
      </p>
      <ol className="search-results">
        {data.items.map((item) => {
          const when = formatVenueDateTime(item.starts_at, item.time_zone);

          return (
            <li key={item.performance_id} className="search-results__item card">
              <Link
                className="search-results__title"
                to={`/performances/${item.performance_id}`}
              >
                {item.title}
              </Link>
              <span className="muted">
                {item.genre} · {item.venue_name}, {item.city}
              </span>
              <span>{when.full}</span>
              <span className="small">
                {item.seats_available} seats left
                {item.price_from_cents !== null &&
                  ` · from ${formatMoney(item.price_from_cents, item.currency)}`}
              </span>
            </li>
          );
        })}
      </ol>
      {pages > 1 && (
        <nav className="pagination" aria-label="Result pages">
          <Button
            variant="secondary"
            size="sm"
            disabled={data.page <= 1}
            onClick={() => goTo(data.page - 1)}
          >
            Previous
          </Button>
          <span className="pagination__status">
            Page {data.page} of {pages}
          </span>
          <Button
            variant="secondary"
            size="sm"
            disabled={data.page >= pages}
            onClick={() => goTo(data.page + 1)}
          >
            Next
          </Button>
        </nav>
      )}
    </section>
  );
}

/** The search page: every filter lives in the URL, so back and forward work. */
/** An address with a sort the API does not know is read without it. */
function withKnownSort(params: URLSearchParams): URLSearchParams {
  const sort = params.get('sort');

  if (sort === null || (SEARCH_SORTS as readonly string[]).includes(sort)) {
    return params;
  }

  const known = new URLSearchParams(params);

  known.delete('sort');

  return known;
}

export function SearchBrowser() {
  const [asked, setParams] = useSearchParams();
  const params = withKnownSort(asked);
  const location = useLocation();
  const key = params.toString();
  const corrected = params !== asked;

  // An old or edited address with an unknown sort is corrected to the
  // search shown (best match).
  useEffect(() => {
    if (corrected) setParams(params, { replace: true });
  }, [corrected, params, setParams]);
  const options = useQuery('search-options', getSearchOptions);
  const results = useQuery(
    `search?${key}`,
    (signal) => searchPerformances(params, signal),
    { keepPreviousData: true },
  );

  function handleSearch(next: URLSearchParams) {
    setParams(next);
  }

  const fields =
    results.error instanceof ApiError ? results.error.fields : undefined;
  // A filter the API refuses is for the form to fix; trying again would
  // not help, so only the fields are named.
  const refusedFields = fields && Object.keys(fields).length > 0;

  return (
    <div className="stack-lg">
      <SearchForm
        // A fresh form for every history entry: the back button always shows
        // the filters of the search it returns to.
        key={`${location.key}:${key}`}
        params={params}
        genres={options.data?.genres ?? []}
        venues={options.data?.venues ?? []}
        onSearch={handleSearch}
      />
      {results.error && !refusedFields ? (
        <ErrorState
          title="This search could not be run"
          error={results.error}
          onRetry={results.reload}
        />
      ) : null}
      {refusedFields && (
        <div role="alert">
          <p>Please change these filters:</p>
          <ul className="inline-error">
            {Object.entries(fields).map(([name, message]) => (
              <li key={name}>
                {FILTER_LABELS[name] ?? name} {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!results.error && !results.data && (
        <div aria-busy="true" aria-label="Searching">
          <Skeleton height="4em" />
        </div>
      )}
      {!results.error && results.data && (
        <Results
          data={results.data}
          params={params}
          busy={results.loading}
          onSearch={handleSearch}
        />
      )}
    </div>
  );
}
