import { api } from '@/lib/api-client';
import type { User } from '@/types/api';

export type RegisterInput = {
  username: string;
  email: string;
  display_name: string;
  password: string;
};

export async function register(input: RegisterInput): Promise<User> {
  const { user } = await api.post<{ user: User }>('/api/auth/register', input);

  return user;
}
