import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';

import { HeaderSearch } from '@/features/search/components/header-search';
import { useAuth } from '@/lib/auth';
import { PRODUCT_NAME } from '@/lib/use-document-title';

import { Logo } from './logo';

export function AppLayout({ children }: { children: ReactNode }) {
  const { user, logOut } = useAuth();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);
  const { pathname } = useLocation();
  const firstPath = useRef(pathname);

  // After moving to another page, start reading (and tabbing) from the top
  // of the new page's content, as a full page load would.
  useEffect(() => {
    if (pathname === firstPath.current) return;

    firstPath.current = '';
    window.scrollTo?.({ top: 0 });
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

  async function handleLogOut() {
    setLeaving(true);

    try {
      await logOut();
    } finally {
      setLeaving(false);
      navigate('/login', { replace: true });
    }
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner container">
          <Link to="/" className="brand">
            <Logo />
            <span className="brand__name">{PRODUCT_NAME}</span>
          </Link>
          <nav className="site-nav" aria-label="Main">
            <NavLink to="/" end className="site-nav__link">
              Performances
            </NavLink>
            <NavLink to="/bookings" className="site-nav__link">
              My bookings
            </NavLink>
            <NavLink to="/rankings" className="site-nav__link">
              Leaderboard
            </NavLink>
            <NavLink to="/patterns" className="site-nav__link">
              Patterns
            </NavLink>
            <NavLink to="/profile" className="site-nav__link">
              Profile
            </NavLink>
          </nav>
          <HeaderSearch />
          {user && (
            <div className="site-header__user">
              <span className="site-header__name" title={user.username}>
                {user.display_name}
              </span>
              <button
                type="button"
                className="btn btn--ghost-light btn--sm"
                onClick={handleLogOut}
                disabled={leaving}
              >
                Log out
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" className="site-main container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          Times are shown in each venue&rsquo;s local time.
        </div>
      </footer>
    </div>
  );
}
