import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';

import { mockFetch } from '@/testing/fetch-mock';
import { booking } from '@/testing/fixtures';

import { BookingDetail } from './booking-detail';

function renderDetail() {
  render(
    <MemoryRouter>
      <BookingDetail bookingId={7} />
    </MemoryRouter>,
  );
}

describe('BookingDetail', () => {
  it('offers a calendar file for an upcoming confirmed booking', async () => {
    mockFetch({
      'GET /api/bookings/7': {
        body: booking({ starts_at: '2099-01-01T18:00:00Z' }),
      },
    });
    renderDetail();

    const link = await screen.findByRole('link', {
      name: 'Add to calendar (.ics)',
    });

    expect(link).toHaveAttribute('href', '/api/bookings/7/calendar.ics');
  });

  it('shows how long the show runs, as the calendar event lasts', async () => {
    mockFetch({
      'GET /api/bookings/7': { body: booking({ duration_minutes: 95 }) },
    });
    renderDetail();

    const term = await screen.findByText('Running time');

    expect(term.nextElementSibling).toHaveTextContent('1 h 35 min');
  });

  it('offers no calendar file for a cancelled booking', async () => {
    mockFetch({
      'GET /api/bookings/7': {
        body: booking({
          starts_at: '2099-01-01T18:00:00Z',
          status: 'cancelled',
          cancellable: false,
        }),
      },
    });
    renderDetail();

    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Add to calendar (.ics)' }),
    ).toBeNull();
  });

  it('cancels the booking from its own page after confirmation', async () => {
    const user = userEvent.setup();
    const upcoming = booking({
      starts_at: '2099-01-01T18:00:00Z',
      cancellable: true,
    });
    const { requests } = mockFetch({
      'GET /api/bookings/7': { body: upcoming },
      'POST /api/bookings/7/cancel': {
        body: {
          ...upcoming,
          status: 'cancelled',
          cancellable: false,
          cancelled_at: '2026-01-07T12:00:00Z',
        },
      },
    });
    renderDetail();

    await user.click(
      await screen.findByRole('button', { name: 'Cancel booking' }),
    );
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Keep booking' })).toHaveFocus();

    await user.click(
      screen.getByRole('button', { name: 'Yes, cancel booking' }),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'This booking is cancelled',
    );
    expect(
      requests.filter((r) => r.method === 'POST').map((r) => r.path),
    ).toEqual(['/api/bookings/7/cancel']);
    expect(screen.queryByRole('button', { name: 'Cancel booking' })).toBeNull();
    expect(
      screen.queryByRole('link', { name: 'Add to calendar (.ics)' }),
    ).toBeNull();
  });

  it('offers no cancel button once a booking can no longer be cancelled', async () => {
    mockFetch({
      'GET /api/bookings/7': {
        body: booking({
          starts_at: '2099-01-01T18:00:00Z',
          cancellable: false,
        }),
      },
    });
    renderDetail();

    expect(
      await screen.findByRole('link', { name: 'Add to calendar (.ics)' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel booking' })).toBeNull();
  });

  it('reads the booking again when the server refuses to cancel it', async () => {
    const user = userEvent.setup();
    const upcoming = booking({
      starts_at: '2099-01-01T18:00:00Z',
      cancellable: true,
    });
    let reads = 0;
    const { requests } = mockFetch({
      // Cancelled in another tab after this page was loaded.
      'GET /api/bookings/7': () => ({
        body:
          (reads += 1) === 1
            ? upcoming
            : { ...upcoming, status: 'cancelled', cancellable: false },
      }),
      'POST /api/bookings/7/cancel': {
        status: 409,
        body: {
          error: { code: 'booking_not_cancellable', message: 'Too late.' },
        },
      },
    });
    renderDetail();

    await user.click(
      await screen.findByRole('button', { name: 'Cancel booking' }),
    );
    await user.click(
      screen.getByRole('button', { name: 'Yes, cancel booking' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /can no longer be cancelled/,
    );
    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(
      requests.filter((r) => r.method === 'GET').map((r) => r.path),
    ).toEqual(['/api/bookings/7', '/api/bookings/7']);
    expect(screen.queryByText(/Cancel this booking\?/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel booking' })).toBeNull();
  });
});
