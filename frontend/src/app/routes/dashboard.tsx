import { PerformancesBrowser } from '@/features/performances/components/performances-browser';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

export function DashboardRoute() {
  const { user } = useAuth();

  useDocumentTitle('Performances');

  return (
    <>
      <header className="page-head">
        <p className="page-head__eyebrow">
          {user ? `Good to see you, ${user.display_name}` : 'Now booking'}
        </p>
        <h1 className="page-head__title">Upcoming performances</h1>
        <p className="page-head__lead">
          Pick a date, choose your seats on the plan, and you&rsquo;re in.
        </p>
      </header>
      <PerformancesBrowser />
    </>
  );
}
