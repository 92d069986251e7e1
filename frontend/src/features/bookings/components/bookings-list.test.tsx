import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';

import { mockFetch } from '@/testing/fetch-mock';
import { booking } from '@/testing/fixtures';

import { BookingsList } from './bookings-list';

const upcoming = booking();
const past = booking({
  booking_id: 3,
  title: 'The Cherry Orchard',
  starts_at: '2020-05-01T18:00:00Z',
  cancellable: false,
});
const cancelled = booking({
  booking_id: 5,
  title: 'Macbeth',
  status: 'cancelled',
  cancelled_at: '2026-01-06T09:00:00Z',
  cancellable: false,
  starts_at: '2099-01-01T18:00:00Z',
});

function renderList() {
  render(
    <MemoryRouter>
      <BookingsList />
    </MemoryRouter>,
  );
}

function card(title: string) {
  return screen.getByRole('article', { name: title });
}

describe('BookingsList', () => {
  it('splits bookings into upcoming, past and cancelled with their seats, totals and status', async () => {
    mockFetch({
      'GET /api/bookings': { body: { items: [upcoming, cancelled, past] } },
    });
    renderList();

    const upcomingSection = await screen.findByRole('region', {
      name: /upcoming/i,
    });
    const pastSection = screen.getByRole('region', { name: /past/i });
    const cancelledSection = screen.getByRole('region', { name: /cancelled/i });

    expect(within(upcomingSection).getAllByRole('article')).toHaveLength(1);
    expect(within(pastSection).getAllByRole('article')).toHaveLength(1);
    expect(within(pastSection).getByText('The Cherry Orchard')).toBeVisible();
    expect(within(cancelledSection).getByText('Macbeth')).toBeVisible();

    const hamlet = within(card('Hamlet'));

    expect(hamlet.getByText('Confirmed')).toBeInTheDocument();
    expect(
      card('Hamlet').querySelector('.booking-card__total'),
    ).toHaveTextContent('Total €110.00');
    expect(hamlet.getByText(/Stalls B-1, Stalls B-2/)).toBeInTheDocument();

    expect(within(card('Macbeth')).getByText('Cancelled')).toBeInTheDocument();
    expect(
      within(card('Macbeth')).queryByRole('button', { name: 'Cancel booking' }),
    ).toBeNull();
    expect(
      within(card('The Cherry Orchard')).queryByRole('button', {
        name: 'Cancel booking',
      }),
    ).toBeNull();
  });

  it('cancels an upcoming booking only after confirmation', async () => {
    const user = userEvent.setup();
    const { requests } = mockFetch({
      'GET /api/bookings': { body: { items: [upcoming] } },
      'POST /api/bookings/7/cancel': {
        body: {
          ...upcoming,
          status: 'cancelled',
          cancellable: false,
          cancelled_at: '2026-01-07T12:00:00Z',
        },
      },
    });
    renderList();

    await user.click(
      await screen.findByRole('button', { name: 'Cancel booking' }),
    );
    expect(screen.getByText(/Cancel this booking\?/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Keep booking' }));
    expect(screen.queryByText(/Cancel this booking\?/)).toBeNull();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Cancel booking' }));
    await user.click(
      screen.getByRole('button', { name: 'Yes, cancel booking' }),
    );

    const post = requests.find((r) => r.method === 'POST')!;

    expect(post.path).toBe('/api/bookings/7/cancel');
    expect(post.body).toEqual({});
    expect(
      await within(card('Hamlet')).findByText('Cancelled'),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Booking #7 for Hamlet is cancelled',
    );
  });

  it('explains when a booking can no longer be cancelled', async () => {
    const user = userEvent.setup();

    mockFetch({
      'GET /api/bookings': { body: { items: [upcoming] } },
      'POST /api/bookings/7/cancel': {
        status: 409,
        body: {
          error: { code: 'booking_not_cancellable', message: 'Too late.' },
        },
      },
    });
    renderList();

    await user.click(
      await screen.findByRole('button', { name: 'Cancel booking' }),
    );
    await user.click(
      screen.getByRole('button', { name: 'Yes, cancel booking' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /can no longer be cancelled/,
    );
    expect(within(card('Hamlet')).getByText('Confirmed')).toBeInTheDocument();
  });

  it('shows an empty state when there are no bookings', async () => {
    mockFetch({ 'GET /api/bookings': { body: { items: [] } } });
    renderList();

    expect(await screen.findByText('No bookings yet')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Browse performances' }),
    ).toHaveAttribute('href', '/');
  });
});
