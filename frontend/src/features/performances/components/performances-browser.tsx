import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useQuery } from '@/lib/use-query';

import { getPerformances, performancesPath } from '../api/get-performances';
import { usePerformanceFilters } from '../hooks/use-performance-filters';
import { useServerEvents } from '../hooks/use-server-events';

import { Pagination } from './pagination';
import { PerformanceFilters } from './performance-filters';
import {
  PerformancesTable,
  PerformancesTableSkeleton,
} from './performances-table';

/** The dashboard's list: filters, sortable table and pages, URL-driven. */
export function PerformancesBrowser() {
  const { filters, setSort, setGenre, setVenue, setPage, clearFilters } =
    usePerformanceFilters();
  const query = useQuery(
    performancesPath(filters),
    (signal) => getPerformances(filters, signal),
    { keepPreviousData: true },
  );
  const { data, error, loading, reload } = query;

  // Seats left update by server push when a listed performance changes.
  useServerEvents('/api/events', (event) => {
    const shown = data?.items.some(
      (item) => item.performance_id === event.performance_id,
    );

    if (event.type === 'resync' || (event.type === 'changed' && shown)) {
      reload();
    }
  });

  function renderBody() {
    if (!data && error) {
      return (
        <ErrorState
          title="We could not load the performances"
          error={error}
          onRetry={reload}
        />
      );
    }

    if (!data) return <PerformancesTableSkeleton />;

    if (data.items.length === 0) {
      const filtered =
        filters.genreId !== undefined || filters.venueId !== undefined;

      if (filters.page > 1 && data.total > 0) {
        return (
          <EmptyState
            title="This page is empty"
            action={<Button onClick={() => setPage(1)}>Go to page 1</Button>}
          >
            There are fewer performances than this page needs.
          </EmptyState>
        );
      }

      return (
        <EmptyState
          title={
            filtered
              ? 'No performances match these filters'
              : 'No upcoming performances'
          }
          action={
            filtered ? (
              <Button variant="secondary" onClick={clearFilters}>
                Clear filters
              </Button>
            ) : undefined
          }
        >
          {filtered
            ? 'Try another genre or venue.'
            : 'New dates are announced regularly. Please check back soon.'}
        </EmptyState>
      );
    }

    return (
      <>
        {error !== undefined && (
          <p className="inline-error" role="alert">
            Could not refresh the list.{' '}
            <button type="button" className="link-button" onClick={reload}>
              Try again
            </button>
          </p>
        )}
        <div className="table-wrap">
          <PerformancesTable
            items={data.items}
            sort={filters.sort}
            order={filters.order}
            onSort={(sort) => setSort(sort)}
            stale={loading}
          />
        </div>
        <Pagination
          page={filters.page}
          shownPage={data.page}
          pageSize={data.page_size}
          total={data.total}
          onPage={(page) => {
            setPage(page);
            window.scrollTo?.({ top: 0 });
          }}
        />
      </>
    );
  }

  return (
    <section aria-labelledby="performances-title">
      <PerformanceFilters
        filters={filters}
        onGenre={setGenre}
        onVenue={setVenue}
        onSort={setSort}
        onClear={clearFilters}
      />
      <h2 id="performances-title" className="visually-hidden">
        Upcoming performances
      </h2>
      {renderBody()}
    </section>
  );
}
