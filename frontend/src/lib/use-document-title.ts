import { useEffect } from 'react';

export const PRODUCT_NAME = 'Curtain Call Box Office';

export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [title]);
}
