import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { useQuery } from '@/lib/use-query';

import { getPatterns, type Counts, type Dimension } from '../api/get-patterns';

import { BarChart } from './bar-chart';

const DIMENSIONS: [Dimension, string][] = [
  ['day', 'Per day booked'],
  ['weekday', 'Weekday of the performance'],
  ['time_of_day', 'Matinee or evening'],
  ['genre', 'Genre'],
];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

function defaultRange() {
  const to = new Date();
  const from = new Date(to.getTime() - 29 * 86_400_000);

  return { from: isoDay(from), to: isoDay(to) };
}

export function PatternsView() {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange();
  const dimension =
    DIMENSIONS.find(([key]) => key === params.get('dimension'))?.[0] ?? 'day';
  const from = ISO_DAY.test(params.get('from') ?? '')
    ? params.get('from')!
    : fallback.from;
  const to = ISO_DAY.test(params.get('to') ?? '')
    ? params.get('to')!
    : fallback.to;
  const metric: keyof Counts =
    params.get('metric') === 'tickets' ? 'tickets' : 'bookings';
  const [draft, setDraft] = useState({ from, to });
  const { data, error, reload } = useQuery(
    `patterns:${dimension}:${from}:${to}`,
    (signal) => getPatterns(dimension, from, to, signal),
    { keepPreviousData: true },
  );

  function update(next: Record<string, string>) {
    setParams({ dimension, from, to, metric, ...next });
  }

  function handleRange(event: FormEvent) {
    event.preventDefault();
    update({ from: draft.from, to: draft.to });
  }

  const label = DIMENSIONS.find(([key]) => key === dimension)![1];

  return (
    <div className="stack-lg">
      <form className="filters" onSubmit={handleRange}>
        <Select
          label="Group by"
          value={dimension}
          onChange={(event) => update({ dimension: event.target.value })}
        >
          {DIMENSIONS.map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </Select>
        <Select
          label="Count"
          value={metric}
          onChange={(event) => update({ metric: event.target.value })}
        >
          <option value="bookings">Bookings</option>
          <option value="tickets">Tickets</option>
        </Select>
        <Field
          label="Booked from"
          type="date"
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <Field
          label="Booked to"
          type="date"
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
      {error ? (
        <ErrorState
          title="We could not load the patterns"
          error={error}
          onRetry={reload}
        />
      ) : !data ? (
        <Skeleton height="14em" />
      ) : (
        <div className="charts">
          <BarChart
            title={`My ${metric} — ${label.toLowerCase()}`}
            unit={metric}
            tone="mine"
            bars={data.items.map((item) => ({
              label: item.bucket,
              value: item.mine[metric],
            }))}
          />
          <BarChart
            title={`Everyone's ${metric} — ${label.toLowerCase()}`}
            unit={metric}
            tone="everyone"
            bars={data.items.map((item) => ({
              label: item.bucket,
              value: item.everyone[metric],
            }))}
          />
        </div>
      )}
      <p className="small muted">
        Confirmed bookings made between {from} and {to} (UTC days). Weekday and
        time of day are those of the performance, at the venue.
      </p>
    </div>
  );
}
