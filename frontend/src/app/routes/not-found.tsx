import { Link } from 'react-router';

import { EmptyState } from '@/components/ui/states';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundRoute() {
  useDocumentTitle('Not found');

  return (
    <EmptyState
      title="This page is not in the programme"
      action={
        <Link className="btn btn--primary" to="/">
          See what&rsquo;s on
        </Link>
      }
    >
      The address may be mistyped, or the page has moved.
    </EmptyState>
  );
}
