import { BookingsList } from '@/features/bookings/components/bookings-list';
import { useDocumentTitle } from '@/lib/use-document-title';

export function BookingsRoute() {
  useDocumentTitle('My bookings');

  return (
    <>
      <header className="page-head">
        <h1 className="page-head__title">My bookings</h1>
        <p className="page-head__lead">
          Your tickets, upcoming and past. You can cancel an upcoming booking
          until the performance starts.
        </p>
      </header>
      <BookingsList />
    </>
  );
}
