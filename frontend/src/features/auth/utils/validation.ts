// The same account rules as docs/api.md, checked before we bother the
// server. The server stays the authority and its answer wins.

import type { LoginInput } from '../api/login';
import type { RegisterInput } from '../api/register';

export type Errors<T> = Partial<Record<keyof T, string>>;

const USERNAME = /^[A-Za-z0-9._-]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

function characters(value: string): number {
  return [...value].length;
}

function utf8Bytes(value: string): number {
  return new TextEncoder().encode(value).length;
}

export function validateUsername(value: string): string | undefined {
  const length = characters(value);

  if (length === 0) return 'Choose a username.';
  if (length < 3 || length > 30) return 'Use 3 to 30 characters.';
  if (!USERNAME.test(value)) {
    return 'Use only letters (a–z), digits, dots, underscores and hyphens.';
  }

  return undefined;
}

export function validateEmail(value: string): string | undefined {
  if (value.length === 0) return 'Enter your email address.';
  if (characters(value) > 254) return 'Use at most 254 characters.';
  if (!EMAIL.test(value.trim())) {
    return 'Enter an email address with one “@”, like name@example.com.';
  }

  return undefined;
}

export function validateDisplayName(value: string): string | undefined {
  const length = characters(value.trim());

  if (length === 0) return 'Tell us the name to show on your account.';
  if (characters(value) > 60) return 'Use at most 60 characters.';

  return undefined;
}

export function validatePassword(value: string): string | undefined {
  if (value.length === 0) return 'Choose a password.';
  if (characters(value) < 8) return 'Use at least 8 characters.';
  if (utf8Bytes(value) > 72) return 'This password is too long (72 bytes).';

  return undefined;
}

function compact<T>(errors: Errors<T>): Errors<T> {
  return Object.fromEntries(
    Object.entries(errors).filter(([, message]) => message),
  ) as Errors<T>;
}

export function validateRegistration(input: RegisterInput) {
  return compact<RegisterInput>({
    username: validateUsername(input.username),
    email: validateEmail(input.email),
    display_name: validateDisplayName(input.display_name),
    password: validatePassword(input.password),
  });
}

export function validateLogin(input: LoginInput) {
  return compact<LoginInput>({
    login: input.login.trim() ? undefined : 'Enter your username or email.',
    password: input.password ? undefined : 'Enter your password.',
  });
}
