import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { BookingRoute } from '@/app/routes/booking';
import { AuthProvider } from '@/lib/auth';
import { mockFetch, type RecordedRequest } from '@/testing/fetch-mock';
import { booking, performanceDetail, seatGrid } from '@/testing/fixtures';

import { PerformanceRoute } from './performance';

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      { path: '/performances/:performanceId', element: <PerformanceRoute /> },
      { path: '/bookings/:bookingId', element: <BookingRoute /> },
      { path: '/bookings', element: <p>My bookings page</p> },
    ],
    { initialEntries: [url] },
  );

  render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );

  return router;
}

function seat(name: RegExp) {
  return within(screen.getByRole('group', { name: 'Seat map' })).getByRole(
    'checkbox',
    { name },
  );
}

const booked = booking({
  booking_id: 41,
  total_cents: 8000,
  seat_count: 2,
  seats: [
    {
      seat_id: 104,
      section: 'Stalls',
      row_label: 'A',
      seat_number: 4,
      price_cents: 5500,
    },
    {
      seat_id: 209,
      section: 'Balcony',
      row_label: 'D',
      seat_number: 3,
      price_cents: 2500,
    },
  ],
});

describe('performance page', () => {
  it('shows the show, venue, local time and availability per section', async () => {
    mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats: seatGrid([103]) },
      },
    });
    renderAt('/performances/12');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Hamlet' }),
    ).toBeInTheDocument();
    // 18:30 UTC on 10 December is 19:30 in Vienna (CET).
    expect(screen.getByText('19:30')).toBeInTheDocument();
    expect(screen.getByText(/Thu 10 Dec 2026/)).toHaveTextContent('CET');
    expect(screen.getByText(/Ringstraße 1/)).toBeInTheDocument();
    expect(screen.getByText('Anna Berg')).toBeInTheDocument();
    expect(screen.getByText('Jonas Weil')).toBeInTheDocument();

    const availability = screen.getByRole('region', { name: 'Availability' });

    expect(within(availability).getByText('Stalls')).toBeInTheDocument();
    expect(within(availability).getByText('€55.00')).toBeInTheDocument();
    expect(within(availability).getAllByText('10')).toHaveLength(2);
  });

  it('books the chosen seats and opens the confirmation', async () => {
    const user = userEvent.setup();
    const { requests } = mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats: seatGrid() },
      },
      'POST /api/bookings': { status: 201, body: booked },
      'GET /api/bookings/41': { body: booked },
    });
    const router = renderAt('/performances/12');

    await screen.findByRole('group', { name: 'Seat map' });
    await user.click(seat(/^Stalls row A seat 4,/));
    await user.click(seat(/^Balcony row D seat 3,/));
    await user.click(screen.getByRole('button', { name: 'Book 2 seats' }));

    const post = requests.find(
      (request: RecordedRequest) => request.method === 'POST',
    )!;

    expect(post.body).toEqual({ performance_id: 12, seat_ids: [104, 209] });
    expect(
      await screen.findByRole('heading', { name: 'Booking confirmed' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/bookings/41');

    const seats = screen.getByRole('table');

    expect(within(seats).getAllByRole('row')).toHaveLength(4);
    expect(within(seats).getByText('Balcony')).toBeInTheDocument();
    expect(within(seats).getByText('€80.00')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'My bookings' })).toHaveAttribute(
      'href',
      '/bookings',
    );
  });

  it('shows a read-only plan with a notice when not on sale', async () => {
    mockFetch({
      'GET /api/performances/12': {
        body: performanceDetail({ on_sale: false, status: 'cancelled' }),
      },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats: seatGrid() },
      },
    });
    renderAt('/performances/12');

    expect(
      await screen.findByText(/This performance has been cancelled/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Seat map (view only)' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /book/i })).toBeNull();
  });

  it('says a house that is all booked is sold out', async () => {
    const seats = seatGrid().map((seat) => ({
      ...seat,
      status: 'booked' as const,
    }));
    mockFetch({
      'GET /api/performances/12': {
        body: performanceDetail({ seats_available: 0 }),
      },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats },
      },
    });
    renderAt('/performances/12');

    expect(await screen.findByText('Sold out')).toBeInTheDocument();
  });

  it('does not call a house sold out while some of its seats are only held', async () => {
    const seats = seatGrid().map((seat) => ({
      ...seat,
      status: seat.seat_id === 101 ? ('held' as const) : ('booked' as const),
    }));
    const full = performanceDetail().sections.map((section) => ({
      ...section,
      available: 0,
    }));
    mockFetch({
      'GET /api/performances/12': {
        body: performanceDetail({ seats_available: 0, sections: full }),
      },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats },
      },
    });
    renderAt('/performances/12');

    expect(
      await screen.findByText('All seats are taken for now'),
    ).toBeInTheDocument();

    const availability = screen.getByRole('region', { name: 'Availability' });

    // Seat 101 is in the stalls; the balcony is all booked.
    expect(within(availability).getByText('Held for now')).toBeInTheDocument();
    expect(screen.getAllByText('Sold out')).toHaveLength(1);
    expect(within(availability).getByText('Sold out')).toBeInTheDocument();
  });

  it('explains an unknown performance without a retry that cannot help', async () => {
    mockFetch({
      'GET /api/performances/99': {
        status: 404,
        body: {
          error: { code: 'performance_not_found', message: 'Not found.' },
        },
      },
      'GET /api/performances/99/seats': {
        status: 404,
        body: {
          error: { code: 'performance_not_found', message: 'Not found.' },
        },
      },
    });
    renderAt('/performances/99');

    expect(
      await screen.findByText('We could not find that performance.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Try again' }),
    ).not.toBeInTheDocument();
  });
});
