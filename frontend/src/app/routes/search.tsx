import { SearchBrowser } from '@/features/search/components/search-browser';
import { useDocumentTitle } from '@/lib/use-document-title';

export function SearchRoute() {
  useDocumentTitle('Search');

  return (
    <>
      <header className="page-head">
        <h1 className="page-head__title">Search performances</h1>
        <p className="page-head__lead">
          Find upcoming performances by title, cast, director, genre or venue,
          and narrow them down by date, time, price and group size.
        </p>
      </header>
      <SearchBrowser />
    </>
  );
}
