import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { ApiError } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';
import { errorMessage } from '@/lib/error-messages';

import { updateProfile, type Profile } from '../api/profile';

const MESSAGES = {
  username_taken: 'That username is already taken.',
  email_taken: 'Another account already uses that email.',
};

/** Display name, username, email and the ranking opt-out. */
export function ProfileForm({ profile }: { profile: Profile }) {
  const { signedIn } = useAuth();
  const [draft, setDraft] = useState({
    display_name: profile.display_name,
    username: profile.username,
    email: profile.email,
    ranking_opt_out: profile.ranking_opt_out,
  });
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setFields({});
    setSaved(false);

    try {
      const { profile: next } = await updateProfile(draft);

      setDraft({
        display_name: next.display_name,
        username: next.username,
        email: next.email,
        ranking_opt_out: next.ranking_opt_out,
      });
      signedIn({
        user_id: next.user_id,
        username: next.username,
        email: next.email,
        display_name: next.display_name,
        created_at: next.created_at,
      });
      setSaved(true);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'username_taken') {
        setFields({ username: MESSAGES.username_taken });
      } else if (caught instanceof ApiError && caught.code === 'email_taken') {
        setFields({ email: MESSAGES.email_taken });
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
      <h2 className="card__title">Your details</h2>
      {saved && (
        <Notice tone="success" title="Saved">
          Your details are up to date.
        </Notice>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      <Field
        label="Display name"
        value={draft.display_name}
        maxLength={60}
        required
        error={fields.display_name}
        hint="Shown in the header and on the leaderboard."
        onChange={(event) =>
          setDraft({ ...draft, display_name: event.target.value })
        }
      />
      <Field
        label="Username"
        value={draft.username}
        maxLength={30}
        autoComplete="username"
        required
        error={fields.username}
        hint="3 to 30 letters, digits, dots, dashes or underscores."
        onChange={(event) =>
          setDraft({ ...draft, username: event.target.value })
        }
      />
      <Field
        label="Email"
        type="email"
        value={draft.email}
        maxLength={254}
        autoComplete="email"
        required
        error={fields.email}
        onChange={(event) => setDraft({ ...draft, email: event.target.value })}
      />
      <label className="profile-check">
        <input
          type="checkbox"
          checked={draft.ranking_opt_out}
          onChange={(event) =>
            setDraft({ ...draft, ranking_opt_out: event.target.checked })
          }
        />{' '}
        Leave me out of the leaderboard
      </label>
      <Button type="submit" busy={busy}>
        Save details
      </Button>
    </form>
  );
}
