import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { ApiError } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

import {
  getRankings,
  type Metric,
  type Period,
  type RankingEntry,
} from '../api/get-rankings';

import '../rankings.css';

const PERIODS: [Period, string][] = [
  ['last_30_days', 'Last 30 days'],
  ['this_year', 'This year'],
  ['all_time', 'All time'],
];

const METRICS: [Metric, string][] = [
  ['bookings', 'Bookings'],
  ['tickets', 'Tickets'],
];

/** The board an address names, read as people type it (any case, spaces
 * around); the first option when it names none. */
function pick<T extends string>(value: string | null, options: [T, string][]) {
  const wanted = value?.trim().toLowerCase();

  return options.find(([key]) => key === wanted)?.[0] ?? options[0]![0];
}

/** Whether the address says `name` other than as `value`, once. */
function misnamed(params: URLSearchParams, name: string, value: string) {
  const given = params.getAll(name);

  return given.length > 1 || (given.length === 1 && given[0] !== value);
}

function Row({ entry }: { entry: RankingEntry }) {
  return (
    <tr aria-current={entry.is_current_user ? 'true' : undefined}>
      <td className="num">{entry.rank}</td>
      <td>
        {entry.display_name}
        {entry.is_current_user && <strong> (you)</strong>}
      </td>
      <td className="num">{entry.bookings}</td>
      <td className="num">{entry.tickets}</td>
    </tr>
  );
}

export function RankingsBoard() {
  const [params, setParams] = useSearchParams();
  const period = pick(params.get('period'), PERIODS);
  const metric = pick(params.get('metric'), METRICS);
  // An address naming a board that does not exist shows the default one;
  // one naming a board otherwise than the buttons do (another case, twice)
  // shows that board. Either way the address is corrected to name it.
  const unknown =
    misnamed(params, 'period', period) || misnamed(params, 'metric', metric);

  useEffect(() => {
    if (unknown) setParams({ period, metric }, { replace: true });
  }, [unknown, period, metric, setParams]);
  const { data, error, reload } = useQuery(
    `rankings:${period}:${metric}`,
    (signal) => getRankings(period, metric, signal),
  );

  // A board nobody has worked out yet is being worked out by another
  // request: ask again when the answer says to, until it is there.
  const retryAfter =
    error instanceof ApiError && error.code === 'ranking_not_ready'
      ? Number(error.details.retry_after_seconds) || 2
      : null;

  useEffect(() => {
    if (retryAfter === null) return;
    const timer = setTimeout(
      reload,
      Math.min(Math.max(retryAfter, 1), 30) * 1000,
    );

    return () => clearTimeout(timer);
  }, [error, retryAfter, reload]);

  function choose(next: { period?: Period; metric?: Metric }) {
    setParams({ period: next.period ?? period, metric: next.metric ?? metric });
  }

  const meOutside =
    data?.me && !data.items.some((entry) => entry.is_current_user);
  // "…" stands for people ranked between the top and me: more are ranked
  // above me than are shown. (Others tied with me may be left out by name
  // order; my rank says so.)
  const placesSkipped =
    data?.me !== null &&
    data?.me !== undefined &&
    data.me.rank - 1 > data.items.length;

  return (
    <div className="stack-lg">
      <div className="rankings__controls" role="group" aria-label="Leaderboard">
        {PERIODS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            className={`sort-button${key === period ? ' sort-button--active' : ''}`}
            aria-pressed={key === period}
            onClick={() => choose({ period: key })}
          >
            {label}
          </button>
        ))}
        <span className="muted"> by </span>
        {METRICS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            className={`sort-button${key === metric ? ' sort-button--active' : ''}`}
            aria-pressed={key === metric}
            onClick={() => choose({ metric: key })}
          >
            {label}
          </button>
        ))}
      </div>
      {retryAfter !== null ? (
        <div className="state" role="status">
          <h2 className="state__title">The leaderboard is being worked out</h2>
          <p>It will show here in a few seconds.</p>
          <Button variant="secondary" onClick={reload}>
            Try again now
          </Button>
        </div>
      ) : error ? (
        <ErrorState
          title="We could not load the leaderboard"
          error={error}
          onRetry={reload}
        />
      ) : !data ? (
        <Skeleton height="10em" />
      ) : data.items.length === 0 ? (
        <EmptyState title="No bookings in this period yet">
          The leaderboard fills up as people book.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">
              Leaderboard by {metric},{' '}
              {PERIODS.find(([key]) => key === period)![1].toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Bookings
                </th>
                <th scope="col" className="num">
                  Tickets
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((entry, index) => (
                <Row key={`${entry.rank}-${index}`} entry={entry} />
              ))}
              {meOutside && data.me && (
                <>
                  {placesSkipped && (
                    <tr aria-hidden="true">
                      <td colSpan={4} className="muted">
                        …
                      </td>
                    </tr>
                  )}
                  <Row entry={data.me} />
                </>
              )}
            </tbody>
          </table>
        </div>
      )}
      {data && !data.me && (
        <p className="muted">
          You are not on this board: you have no bookings in this period, or you
          chose to be left out in your <Link to="/profile">profile</Link>.
        </p>
      )}
      {data && (
        <p className="muted">
          The board is worked out afresh every half minute, so a new booking may
          take that long to count.
        </p>
      )}
    </div>
  );
}
