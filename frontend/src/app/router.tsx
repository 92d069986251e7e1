import { createBrowserRouter, Outlet } from 'react-router';

import { ErrorBoundary } from '@/components/error-boundary';
import { AppLayout } from '@/components/layouts/app-layout';
import { PageSpinner } from '@/components/ui/spinner';
import { ErrorState } from '@/components/ui/states';
import { RequireAuth } from '@/lib/auth';

import { BookingRoute } from './routes/booking';
import { BookingsRoute } from './routes/bookings';
import { DashboardRoute } from './routes/dashboard';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { PatternsRoute } from './routes/patterns';
import { PerformanceRoute } from './routes/performance';
import { ProfileRoute } from './routes/profile';
import { RankingsRoute } from './routes/rankings';
import { RegisterRoute } from './routes/register';
import { SearchRoute } from './routes/search';

function ProtectedLayout() {
  return (
    <RequireAuth
      fallback={<PageSpinner label="Checking your session" />}
      errorFallback={(retry, error) => (
        <div className="container site-main">
          <ErrorState
            title="We could not reach the box office"
            error={error}
            onRetry={retry}
          />
        </div>
      )}
    >
      <AppLayout>
        <ErrorBoundary>
          <Outlet />
        </ErrorBoundary>
      </AppLayout>
    </RequireAuth>
  );
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginRoute /> },
    { path: '/register', element: <RegisterRoute /> },
    {
      element: <ProtectedLayout />,
      children: [
        { index: true, element: <DashboardRoute /> },
        { path: 'performances/:performanceId', element: <PerformanceRoute /> },
        { path: 'bookings', element: <BookingsRoute /> },
        { path: 'bookings/:bookingId', element: <BookingRoute /> },
        { path: 'search', element: <SearchRoute /> },
        { path: 'profile', element: <ProfileRoute /> },
        { path: 'rankings', element: <RankingsRoute /> },
        { path: 'patterns', element: <PatternsRoute /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
