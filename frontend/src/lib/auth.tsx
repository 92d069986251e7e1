import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { Navigate, useLocation } from 'react-router';

import type { User } from '@/types/api';

import { api, ApiError, onUnauthenticated } from './api-client';

type AuthState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  // loggedOut: the user logged out here, so the login page does not
  // offer to return to the page they left (the next person would land on
  // it).
  | { status: 'anonymous'; loggedOut?: boolean }
  | { status: 'authenticated'; user: User };

type AuthContextValue = {
  state: AuthState;
  user: User | null;
  signedIn: (user: User) => void;
  logOut: () => Promise<void>;
  retry: () => void;
};

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();

    api.get<{ user: User }>('/api/auth/me', controller.signal).then(
      ({ user }) => setState({ status: 'authenticated', user }),
      (error: unknown) => {
        if (controller.signal.aborted) return;

        if (error instanceof ApiError && error.status === 401) {
          setState({ status: 'anonymous' });
        } else {
          setState({ status: 'error', error });
        }
      },
    );

    return () => controller.abort();
  }, [attempt]);

  // A session that ends while the app is open (logged out elsewhere,
  // expired) sends the user back to the login page.
  useEffect(
    () => onUnauthenticated(() => setState({ status: 'anonymous' })),
    [],
  );

  const signedIn = useCallback(
    (user: User) => setState({ status: 'authenticated', user }),
    [],
  );

  const logOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setState({ status: 'anonymous', loggedOut: true });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((value) => value + 1);
  }, []);

  const value = useMemo(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.user : null,
      signedIn,
      logOut,
      retry,
    }),
    [state, signedIn, logOut, retry],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);

  if (!value) throw new Error('useAuth must be used inside <AuthProvider>.');

  return value;
}

/**
 * The in-app path to return to after logging in. Anything that could leave
 * the site (`//host`, `/\\host`, a scheme, control characters) falls back
 * to the dashboard.
 */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');

  if (!next || !next.startsWith('/')) return '/';
  if (next.startsWith('//') || next.includes('\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';

  const resolved = new URL(next, window.location.origin);

  return resolved.origin === window.location.origin ? next : '/';
}

export function RequireAuth({
  children,
  fallback,
  errorFallback,
}: {
  children: ReactNode;
  fallback: ReactNode;
  errorFallback: (retry: () => void, error: unknown) => ReactNode;
}) {
  const { state, retry } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') return fallback;
  if (state.status === 'error') return errorFallback(retry, state.error);

  if (state.status === 'anonymous') {
    if (state.loggedOut) return <Navigate to="/login" replace />;

    const next = `${location.pathname}${location.search}`;
    const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;

    return <Navigate to={`/login${query}`} replace />;
  }

  return children;
}
