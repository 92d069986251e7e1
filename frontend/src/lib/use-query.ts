import { useCallback, useEffect, useRef, useState } from 'react';

type QueryState<T> = {
  /** The key `data` belongs to. */
  dataKey?: string;
  data?: T;
  /** When the request that produced `data` was sent (ms since epoch). */
  requestedAt?: number;
  errorKey?: string;
  error?: unknown;
  loading: boolean;
};

export type QueryResult<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  requestedAt: number | undefined;
  reload: () => void;
};

type Options = {
  /** Keep showing the last data while a new key loads (tables, paging). */
  keepPreviousData?: boolean;
};

/**
 * Loads data for `key` and loads it again whenever `key` changes or `reload`
 * is called. A request that is overtaken is aborted. Data stays on screen
 * when a reload fails, so a passing network blip does not blank the page.
 */
export function useQuery<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  { keepPreviousData = false }: Options = {},
): QueryResult<T> {
  const [state, setState] = useState<QueryState<T>>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const fetcherRef = useRef(fetcher);

  useEffect(() => {
    fetcherRef.current = fetcher;
  });

  useEffect(() => {
    const controller = new AbortController();
    const requestedAt = Date.now();

    setState((previous) => ({ ...previous, loading: true }));

    fetcherRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;

        setState({ dataKey: key, data, requestedAt, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;

        setState((previous) => ({
          ...previous,
          errorKey: key,
          error,
          loading: false,
        }));
      },
    );

    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const showData = state.dataKey === key || keepPreviousData;

  return {
    data: showData ? state.data : undefined,
    error: state.errorKey === key ? state.error : undefined,
    loading: state.loading || (state.dataKey !== key && state.errorKey !== key),
    requestedAt: showData ? state.requestedAt : undefined,
    reload,
  };
}
