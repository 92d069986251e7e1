import { RankingsBoard } from '@/features/rankings/components/rankings-board';
import { useDocumentTitle } from '@/lib/use-document-title';

export function RankingsRoute() {
  useDocumentTitle('Leaderboard');

  return (
    <>
      <header className="page-head">
        <h1 className="page-head__title">Leaderboard</h1>
        <p className="page-head__lead">
          Who goes to the theatre most, by confirmed bookings or by tickets.
          Only display names are shown, and you can leave the board in your
          profile.
        </p>
      </header>
      <RankingsBoard />
    </>
  );
}
