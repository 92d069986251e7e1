import { BookingsList } from '@/features/bookings/components/bookings-list';
import { ProfilePage } from '@/features/profile/components/profile-page';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ProfileRoute() {
  useDocumentTitle('Your profile');

  return (
    <>
      <header className="page-head">
        <h1 className="page-head__title">Your profile</h1>
        <p className="page-head__lead">
          Your details, your password, and your booking history.
        </p>
      </header>
      <div className="stack-lg">
        <ProfilePage />
        <section aria-labelledby="history-title" className="stack">
          <h2 id="history-title" className="section-title">
            Booking history
          </h2>
          <BookingsList />
        </section>
      </div>
    </>
  );
}
