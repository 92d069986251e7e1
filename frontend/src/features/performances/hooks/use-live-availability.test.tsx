import { act, render, screen } from '@testing-library/react';

import { mockFetch } from '@/testing/fetch-mock';
import { performanceDetail, seatGrid } from '@/testing/fixtures';

import { REFRESH_MS, useLiveAvailability } from './use-live-availability';

function Probe() {
  const { seats, performance } = useLiveAvailability(12);

  if (!seats || !performance) return <p>loading</p>;

  const booked = seats.filter((seat) => seat.status === 'booked').length;

  return (
    <p>
      {performance.seats_available} free, {booked} booked
    </p>
  );
}

describe('useLiveAvailability', () => {
  afterEach(() => vi.useRealTimers());

  it('loads the performance and its seats again every five seconds', async () => {
    vi.useFakeTimers();

    let booked: number[] = [];
    const { requests } = mockFetch({
      'GET /api/performances/12': () => ({
        body: performanceDetail({ seats_available: 24 - booked.length }),
      }),
      'GET /api/performances/12/seats': () => ({
        body: { performance_id: 12, venue_id: 1, seats: seatGrid(booked) },
      }),
    });

    render(<Probe />);
    await act(() => vi.advanceTimersByTimeAsync(0));

    expect(screen.getByText('24 free, 0 booked')).toBeInTheDocument();
    expect(requests).toHaveLength(2);

    booked = [101, 102];
    await act(() => vi.advanceTimersByTimeAsync(REFRESH_MS - 100));
    expect(requests).toHaveLength(2);

    await act(() => vi.advanceTimersByTimeAsync(200));

    expect(requests).toHaveLength(4);
    expect(screen.getByText('22 free, 2 booked')).toBeInTheDocument();
  });
});
