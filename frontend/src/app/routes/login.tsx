import { Link, Navigate, useLocation, useNavigate } from 'react-router';

import { AuthLayout } from '@/components/layouts/auth-layout';
import { LoginForm } from '@/features/auth/components/login-form';
import { safeNext, useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

export function LoginRoute() {
  const { user, signedIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.search);

  useDocumentTitle('Log in');

  if (user) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Welcome back"
      subtitle="Log in to choose your seats and manage your bookings."
    >
      <LoginForm
        onSuccess={(loggedIn) => {
          signedIn(loggedIn);
          navigate(next, { replace: true });
        }}
      />
      <p className="auth-card__switch">
        New here?{' '}
        <Link to={`/register${location.search}`}>Create an account</Link>
      </p>
    </AuthLayout>
  );
}
