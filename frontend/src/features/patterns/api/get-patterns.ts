import { api, toQuery } from '@/lib/api-client';

export type Dimension = 'day' | 'weekday' | 'time_of_day' | 'genre';

export type Counts = { bookings: number; tickets: number };

export type Patterns = {
  dimension: Dimension;
  date_from: string;
  date_to: string;
  items: { bucket: string; mine: Counts; everyone: Counts }[];
};

export function getPatterns(
  dimension: Dimension,
  dateFrom: string,
  dateTo: string,
  signal?: AbortSignal,
) {
  return api.get<Patterns>(
    `/api/patterns${toQuery({ dimension, date_from: dateFrom, date_to: dateTo })}`,
    signal,
  );
}
