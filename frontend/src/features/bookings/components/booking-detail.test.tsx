import { render, screen } from '@testing-library/react';
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
});
