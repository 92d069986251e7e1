import { Link, Navigate, useLocation, useNavigate } from 'react-router';

import { AuthLayout } from '@/components/layouts/auth-layout';
import { RegisterForm } from '@/features/auth/components/register-form';
import { safeNext, useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

export function RegisterRoute() {
  const { user, signedIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search);

  useDocumentTitle('Create an account');

  if (user) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Book the best seats in the house in under a minute."
    >
      <RegisterForm
        onSuccess={(created) => {
          signedIn(created);
          navigate(next, { replace: true });
        }}
      />
      <p className="auth-card__switch">
        Already have an account?{' '}
        <Link to={`/login${location.search}`}>Log in</Link>
      </p>
    </AuthLayout>
  );
}
