import { api, toQuery } from '@/lib/api-client';

export type Period = 'last_30_days' | 'this_year' | 'all_time';
export type Metric = 'bookings' | 'tickets';

export type RankingEntry = {
  rank: number;
  display_name: string;
  bookings: number;
  tickets: number;
  is_current_user: boolean;
};

export type Rankings = {
  period: Period;
  metric: Metric;
  items: RankingEntry[];
  me: RankingEntry | null;
};

export function getRankings(
  period: Period,
  metric: Metric,
  signal?: AbortSignal,
) {
  return api.get<Rankings>(
    `/api/rankings${toQuery({ period, metric, limit: 10 })}`,
    signal,
  );
}
