import { Link, useNavigate } from 'react-router';

import { Skeleton } from '@/components/ui/skeleton';
import { formatMoney, formatVenueDateTime } from '@/lib/format';
import type { PerformanceSummary } from '@/types/api';

import type { SortKey, SortOrder } from '../api/get-performances';

import { SeatsLeft } from './seats-left';

type Column = {
  key: string;
  label: string;
  sort?: SortKey;
  className?: string;
};

const COLUMNS: Column[] = [
  { key: 'when', label: 'Date and time', sort: 'starts_at' },
  { key: 'title', label: 'Title', sort: 'title' },
  { key: 'genre', label: 'Genre', sort: 'genre' },
  { key: 'venue', label: 'Venue', sort: 'venue' },
  { key: 'seats', label: 'Seats left' },
  { key: 'price', label: 'Price from', className: 'num' },
];

type Props = {
  items: PerformanceSummary[];
  sort: SortKey;
  order: SortOrder;
  onSort: (sort: SortKey) => void;
  stale?: boolean;
};

function SortButton({
  column,
  active,
  order,
  onSort,
}: {
  column: Column & { sort: SortKey };
  active: boolean;
  order: SortOrder;
  onSort: (sort: SortKey) => void;
}) {
  const arrow = !active ? '↕' : order === 'asc' ? '↑' : '↓';

  return (
    <button
      type="button"
      className={`sort-button${active ? ' sort-button--active' : ''}`}
      onClick={() => onSort(column.sort)}
    >
      {column.label}
      <span className="sort-button__arrow" aria-hidden="true">
        {arrow}
      </span>
    </button>
  );
}

export function PerformancesTable({
  items,
  sort,
  order,
  onSort,
  stale = false,
}: Props) {
  const navigate = useNavigate();

  return (
    <table
      className={`data-table performances${stale ? ' is-stale' : ''}`}
      aria-busy={stale || undefined}
    >
      <caption className="visually-hidden">
        Upcoming performances. Column headers with buttons sort the list.
      </caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = column.sort === sort;

            return (
              <th
                key={column.key}
                scope="col"
                className={column.className}
                aria-sort={
                  active
                    ? order === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
              >
                {column.sort ? (
                  <SortButton
                    column={column as Column & { sort: SortKey }}
                    active={active}
                    order={order}
                    onSort={onSort}
                  />
                ) : (
                  column.label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const when = formatVenueDateTime(item.starts_at, item.time_zone);
          const href = `/performances/${item.performance_id}`;

          return (
            <tr
              key={item.performance_id}
              className="performances__row"
              onClick={(event) => {
                if ((event.target as HTMLElement).closest('a')) return;
                navigate(href);
              }}
            >
              <td data-label="When" className="performances__when">
                <time dateTime={item.starts_at}>
                  <span className="performances__date">{when.date}</span>
                  <span className="performances__time">
                    {when.time} <abbr className="zone">{when.zone}</abbr>
                  </span>
                </time>
              </td>
              <td data-label="Title" className="performances__title">
                <Link to={href}>{item.title}</Link>
              </td>
              <td data-label="Genre">{item.genre}</td>
              <td data-label="Venue">
                <span>
                  {item.venue_name}
                  <span className="muted">, {item.city}</span>
                </span>
              </td>
              <td data-label="Seats left">
                <SeatsLeft
                  available={item.seats_available}
                  capacity={item.capacity}
                />
              </td>
              <td data-label="Price from" className="num">
                {formatMoney(item.price_from_cents, item.currency)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function PerformancesTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className="table-skeleton" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="table-skeleton__row">
          <Skeleton width="18%" />
          <Skeleton width="26%" />
          <Skeleton width="12%" />
          <Skeleton width="20%" />
          <Skeleton width="10%" />
        </div>
      ))}
    </div>
  );
}
