import { api } from '@/lib/api-client';
import type { PerformanceDetail, SeatMap, SeatMapStatus } from '@/types/api';

export function getPerformance(performanceId: number, signal?: AbortSignal) {
  return api.get<PerformanceDetail>(
    `/api/performances/${performanceId}`,
    signal,
  );
}

export function getSeatMap(performanceId: number, signal?: AbortSignal) {
  return api.get<SeatMap>(`/api/performances/${performanceId}/seats`, signal);
}

/** Only which seats are booked or held; the layout comes from getSeatMap. */
export function getSeatStatus(performanceId: number, signal?: AbortSignal) {
  return api.get<SeatMapStatus>(
    `/api/performances/${performanceId}/seats/status`,
    signal,
  );
}
