import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-messages';
import { plural } from '@/lib/format';

import { changePassword } from '../api/profile';

const MAX_BYTES = 72;

/** Checks the rules the API applies, so most mistakes never leave the page. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < 8) return 'Use at least 8 characters.';
  if (new TextEncoder().encode(password).length > MAX_BYTES) {
    return `Use at most ${MAX_BYTES} bytes (accented letters and emoji count more).`;
  }

  return undefined;
}

export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    setError(undefined);

    const problem = passwordProblem(next);
    const found: Record<string, string> = {};

    if (!current) found.current_password = 'Enter your current password.';
    if (problem) found.new_password = problem;
    setFields(found);

    if (Object.keys(found).length > 0) return;

    setBusy(true);

    try {
      const { sessions_ended } = await changePassword(current, next);

      setCurrent('');
      setNext('');
      setDone(
        sessions_ended > 0
          ? `Password changed. ${plural(sessions_ended, 'other session')} ` +
              'logged out.'
          : 'Password changed.',
      );
    } catch (caught) {
      if (
        caught instanceof ApiError &&
        caught.code === 'current_password_wrong'
      ) {
        setFields({ current_password: 'That is not your current password.' });
      } else if (
        caught instanceof ApiError &&
        caught.code === 'validation_failed'
      ) {
        setFields(caught.fields);
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card" onSubmit={handleSubmit} noValidate>
      <h2 className="card__title">Change password</h2>
      {done && <Notice tone="success">{done}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        error={fields.current_password}
        onChange={(event) => setCurrent(event.target.value)}
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        value={next}
        error={fields.new_password}
        hint="8 characters or more. Your other sessions will be logged out."
        onChange={(event) => setNext(event.target.value)}
      />
      <Button type="submit" busy={busy}>
        Change password
      </Button>
    </form>
  );
}
