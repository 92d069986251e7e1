import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { useQuery } from '@/lib/use-query';

import { getProfile } from '../api/profile';

import { CalendarDownloads } from './calendar-downloads';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';

import '../profile.css';

export function ProfilePage() {
  const { data, error, reload } = useQuery('profile', getProfile);

  if (error) {
    return (
      <ErrorState
        title="We could not load your profile"
        error={error}
        onRetry={reload}
      />
    );
  }

  if (!data) return <Skeleton height="12em" />;

  return (
    <div className="profile-grid">
      <ProfileForm profile={data.profile} />
      <PasswordForm />
      <CalendarDownloads />
    </div>
  );
}
