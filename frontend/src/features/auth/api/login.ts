import { api } from '@/lib/api-client';
import type { User } from '@/types/api';

export type LoginInput = { login: string; password: string };

export async function login(input: LoginInput): Promise<User> {
  const { user } = await api.post<{ user: User }>('/api/auth/login', input);

  return user;
}
