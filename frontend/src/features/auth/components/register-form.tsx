import { useRef, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { ApiError } from '@/lib/api-client';
import { errorMessage, fieldErrors } from '@/lib/error-messages';
import type { User } from '@/types/api';

import { register, type RegisterInput } from '../api/register';
import { validateRegistration, type Errors } from '../utils/validation';

const empty: RegisterInput = {
  username: '',
  email: '',
  display_name: '',
  password: '',
};

const labels: Record<keyof RegisterInput, string> = {
  username: 'Username',
  email: 'Email',
  display_name: 'Display name',
  password: 'Password',
};

// Conflicts that belong next to one input rather than above the form.
const conflictFields: Record<string, keyof RegisterInput> = {
  username_taken: 'username',
  email_taken: 'email',
};

export function RegisterForm({
  onSuccess,
}: {
  onSuccess: (user: User) => void;
}) {
  const [values, setValues] = useState<RegisterInput>(empty);
  const [errors, setErrors] = useState<Errors<RegisterInput>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function update(name: keyof RegisterInput, value: string) {
    const next = { ...values, [name]: value };

    setValues(next);

    if (errors[name]) {
      setErrors((previous) => ({
        ...previous,
        [name]: validateRegistration(next)[name],
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

    const found = validateRegistration(values);

    setErrors(found);

    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return;
    }

    setBusy(true);

    try {
      onSuccess(await register(values));
    } catch (error) {
      if (error instanceof ApiError && conflictFields[error.code]) {
        setErrors({ [conflictFields[error.code]!]: errorMessage(error) });
      } else {
        setErrors(fieldErrors(error, labels));
        setFormError(errorMessage(error));
      }

      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit} noValidate>
      {formError && <Notice tone="error">{formError}</Notice>}
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={values.username}
        error={errors.username}
        hint="3 to 30 letters (a–z), digits, dots, underscores or hyphens."
        onChange={(event) => update('username', event.target.value)}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        value={values.email}
        error={errors.email}
        onChange={(event) => update('email', event.target.value)}
      />
      <Field
        label="Display name"
        name="display_name"
        autoComplete="name"
        value={values.display_name}
        error={errors.display_name}
        hint="Shown in the header; 60 characters at most."
        onChange={(event) => update('display_name', event.target.value)}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        error={errors.password}
        hint="At least 8 characters."
        onChange={(event) => update('password', event.target.value)}
      />
      <Button type="submit" busy={busy} className="btn--block">
        Create account
      </Button>
    </form>
  );
}
