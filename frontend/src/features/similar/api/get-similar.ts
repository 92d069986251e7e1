import { api } from '@/lib/api-client';

export type SimilarPerformance = {
  performance_id: number;
  show_id: number;
  title: string;
  genre: string;
  genre_id: number;
  venue_id: number;
  venue_name: string;
  city: string;
  time_zone: string;
  starts_at: string;
  local_starts_at: string;
  duration_minutes: number;
  co_bookers: number;
  popularity: number;
};

export function getSimilar(performanceId: number, signal?: AbortSignal) {
  return api.get<{ items: SimilarPerformance[] }>(
    `/api/performances/${performanceId}/similar`,
    signal,
  );
}
