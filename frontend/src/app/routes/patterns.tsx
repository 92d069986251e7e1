import { PatternsView } from '@/features/patterns/components/patterns-view';
import { useDocumentTitle } from '@/lib/use-document-title';

export function PatternsRoute() {
  useDocumentTitle('Booking patterns');

  return (
    <>
      <header className="page-head">
        <h1 className="page-head__title">Booking patterns</h1>
        <p className="page-head__lead">
          Your bookings beside everyone&rsquo;s: when they were made, which
          nights people go, and which genres they choose.
        </p>
      </header>
      <PatternsView />
    </>
  );
}
