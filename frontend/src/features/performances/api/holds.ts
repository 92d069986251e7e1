import { api } from '@/lib/api-client';

export type HoldState = 'held' | 'expired' | 'lost';

export type Hold = {
  seat_id: number;
  expires_at: string;
  seconds_left: number;
  state: HoldState;
};

export type Holds = {
  performance_id: number;
  expires_at: string | null;
  seconds_left: number | null;
  holds: Hold[];
};

export type BestSeatsRequest = {
  count: number;
  section_id?: number;
  accessible?: boolean;
  accept_split?: boolean;
};

export type BestSeats = {
  performance_id: number;
  together: boolean;
  expires_at: string;
  seconds_left: number;
  seats: {
    seat_id: number;
    section_id: number;
    row_label: string;
    seat_number: number;
    price_cents: number;
  }[];
};

export function getHolds(performanceId: number, signal?: AbortSignal) {
  return api.get<Holds>(`/api/performances/${performanceId}/holds`, signal);
}

/** Holds exactly these seats for me; an empty list releases them all. */
export function holdSeats(performanceId: number, seatIds: number[]) {
  return api.post<Holds>(`/api/performances/${performanceId}/holds`, {
    seat_ids: seatIds,
  });
}

/** Finds the best seats together and holds them, in one request. */
export function findBestSeats(
  performanceId: number,
  request: BestSeatsRequest,
) {
  return api.post<BestSeats>(
    `/api/performances/${performanceId}/best-seats`,
    request,
  );
}
