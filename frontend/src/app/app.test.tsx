import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { mockFetch } from '@/testing/fetch-mock';

import { App } from './app';

const demo = {
  user_id: 1,
  username: 'demo',
  email: 'demo@example.com',
  display_name: 'Demo Patron',
  created_at: '2026-01-01T00:00:00Z',
};

const unauthenticated = {
  status: 401,
  body: { error: { code: 'unauthenticated', message: 'Log in first.' } },
};

describe('App', () => {
  beforeEach(() => window.history.replaceState(null, '', '/bookings'));

  it('shows the login page when /api/auth/me answers 401', async () => {
    mockFetch({ 'GET /api/auth/me': unauthenticated });
    render(<App />);

    expect(
      await screen.findByRole('heading', { name: 'Welcome back' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/login');
    expect(window.location.search).toBe('?next=%2Fbookings');
  });

  it('shows the header with the user’s name when logged in', async () => {
    mockFetch({
      'GET /api/auth/me': {
        body: { user: demo },
      },
      'GET /api/bookings': { body: { items: [] } },
    });
    render(<App />);

    expect(await screen.findByText('Demo Patron')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'My bookings' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    expect(await screen.findByText('No bookings yet')).toBeInTheDocument();
  });

  it('logs out to a login page that does not lead back to the page left', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/auth/me': {
        body: { user: demo },
      },
      'GET /api/bookings': { body: { items: [] } },
      'POST /api/auth/logout': { status: 204, body: undefined },
    });
    render(<App />);
    await screen.findByText('No bookings yet');

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    expect(
      await screen.findByRole('heading', { name: 'Welcome back' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/login');
    expect(window.location.search).toBe('');
  });
});
