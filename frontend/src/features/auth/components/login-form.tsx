import { useRef, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { errorMessage, fieldErrors } from '@/lib/error-messages';
import type { User } from '@/types/api';

import { login, type LoginInput } from '../api/login';
import { validateLogin, type Errors } from '../utils/validation';

const labels = { login: 'Username or email', password: 'Password' };

const overrides = {
  unauthenticated: 'That username or email and password do not match.',
};

export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [values, setValues] = useState<LoginInput>({ login: '', password: '' });
  const [errors, setErrors] = useState<Errors<LoginInput>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function update(name: keyof LoginInput, value: string) {
    const next = { ...values, [name]: value };

    setValues(next);

    if (errors[name]) {
      setErrors((previous) => ({
        ...previous,
        [name]: validateLogin(next)[name],
      }));
    }
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLInputElement>('[aria-invalid="true"]')
        ?.focus(),
    );
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);

    const found = validateLogin(values);

    setErrors(found);

    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return;
    }

    setBusy(true);

    try {
      onSuccess(await login(values));
    } catch (error) {
      setErrors(fieldErrors(error, labels));
      setFormError(errorMessage(error, overrides));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
      {formError && <Notice tone="error">{formError}</Notice>}
      <Field
        label="Username or email"
        name="login"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={values.login}
        error={errors.login}
        onChange={(event) => update('login', event.target.value)}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={values.password}
        error={errors.password}
        onChange={(event) => update('password', event.target.value)}
      />
      <Button type="submit" busy={busy} className="btn--block">
        Log in
      </Button>
    </form>
  );
}
