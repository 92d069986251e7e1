import { api, apiRequest } from '@/lib/api-client';
import type { Booking } from '@/types/api';

export type Profile = {
  user_id: number;
  username: string;
  email: string;
  display_name: string;
  created_at: string;
  ranking_opt_out: boolean;
};

export type ProfileChange = Pick<
  Profile,
  'username' | 'email' | 'display_name' | 'ranking_opt_out'
>;

export function getProfile(signal?: AbortSignal) {
  return api.get<{ profile: Profile }>('/api/profile', signal);
}

export function updateProfile(change: ProfileChange) {
  return apiRequest<{ profile: Profile }>('/api/profile', {
    method: 'PUT',
    body: change,
  });
}

export function changePassword(currentPassword: string, newPassword: string) {
  return api.post<{ sessions_ended: number }>('/api/profile/password', {
    current_password: currentPassword,
    new_password: newPassword,
  });
}

export function getMyBookings(signal?: AbortSignal) {
  return api.get<{ items: Booking[] }>('/api/bookings', signal);
}
