import { api } from '@/lib/api-client';
import type { Genre, Venue } from '@/types/api';

export function getGenres(signal?: AbortSignal) {
  return api.get<{ items: Genre[] }>('/api/genres', signal);
}

export function getVenues(signal?: AbortSignal) {
  return api.get<{ items: Venue[] }>('/api/venues', signal);
}
