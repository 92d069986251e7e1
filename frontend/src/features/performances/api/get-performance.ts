import { api } from '@/lib/api-client';
import type { PerformanceDetail, SeatMap } from '@/types/api';

export function getPerformance(performanceId: number, signal?: AbortSignal) {
  return api.get<PerformanceDetail>(
    `/api/performances/${performanceId}`,
    signal,
  );
}

export function getSeatMap(performanceId: number, signal?: AbortSignal) {
  return api.get<SeatMap>(`/api/performances/${performanceId}/seats`, signal);
}
