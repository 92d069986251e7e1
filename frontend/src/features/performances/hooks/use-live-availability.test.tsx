import { act, render, screen } from '@testing-library/react';

import { mockEventSource } from '@/testing/event-source-mock';
import { mockFetch } from '@/testing/fetch-mock';
import { performanceDetail, seatGrid } from '@/testing/fixtures';

import { HELD_RECHECK_MS, useLiveAvailability } from './use-live-availability';
import { FALLBACK_POLL_MS } from './use-server-events';

function Probe({ withHolds = false }: { withHolds?: boolean }) {
  const { seats, performance, heldIds } = useLiveAvailability(12, {
    withHolds,
  });

  if (!seats || !performance) return <p>loading</p>;

  const count = (status: string) =>
    seats.filter((seat) => seat.status === status).length;

  return (
    <p>
      {performance.seats_available} free, {count('booked')} booked,{' '}
      {count('held')} held by others, {heldIds.length} mine
    </p>
  );
}

describe('useLiveAvailability', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads the seats again as soon as the server pushes a change', async () => {
    const streams = mockEventSource();
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
    expect(
      await screen.findByText('24 free, 0 booked, 0 held by others, 0 mine'),
    ).toBeInTheDocument();
    expect(streams[0]!.url).toBe('/api/performances/12/events');

    act(() => streams[0]!.emit('hello', { type: 'hello', version: 0 }));
    expect(requests).toHaveLength(2);

    booked = [101, 102];
    act(() =>
      streams[0]!.emit('changed', {
        type: 'changed',
        performance_id: 12,
        version: 1,
      }),
    );

    expect(
      await screen.findByText(
        '22 free, 2 booked, 0 held by others, 0 mine',
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(requests).toHaveLength(4);
  });

  it('shows my held seats as mine and other holds as held', async () => {
    mockEventSource();
    mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': {
        body: {
          performance_id: 12,
          venue_id: 1,
          seats: seatGrid().map((seat) =>
            [101, 102, 103].includes(seat.seat_id)
              ? { ...seat, status: 'held' }
              : seat,
          ),
        },
      },
      'GET /api/performances/12/holds': {
        body: {
          performance_id: 12,
          expires_at: '2030-01-01T10:00:00Z',
          seconds_left: 300,
          holds: [
            {
              seat_id: 103,
              expires_at: '2030-01-01T10:00:00Z',
              seconds_left: 300,
              state: 'held',
            },
          ],
        },
      },
    });

    render(<Probe withHolds />);

    expect(
      await screen.findByText('20 free, 0 booked, 2 held by others, 1 mine'),
    ).toBeInTheDocument();
  });

  it('falls back to a slow poll while the stream is down', async () => {
    vi.useFakeTimers();
    const streams = mockEventSource();
    const { requests } = mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats: seatGrid() },
      },
    });

    render(<Probe />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(requests).toHaveLength(2);

    act(() => streams[0]!.fail());
    await act(() => vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS - 100));
    expect(requests).toHaveLength(2);

    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(requests).toHaveLength(4);

    // Back online: the reconnect's hello reads everything and stops polling.
    act(() => streams[0]!.emit('hello', { type: 'hello' }));
    await act(() => vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS * 2));
    expect(requests).toHaveLength(6);
  });

  it('reads the seats again while someone holds one, as holds run out', async () => {
    vi.useFakeTimers();
    mockEventSource();
    let held = [101];
    const { requests } = mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': () => ({
        body: {
          performance_id: 12,
          venue_id: 1,
          seats: seatGrid().map((seat) =>
            held.includes(seat.seat_id) ? { ...seat, status: 'held' } : seat,
          ),
        },
      }),
    });

    render(<Probe />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByText(/1 held by others/)).toBeInTheDocument();

    held = [];
    await act(() => vi.advanceTimersByTimeAsync(HELD_RECHECK_MS + 10));
    expect(screen.getByText(/0 held by others/)).toBeInTheDocument();
    expect(requests).toHaveLength(4);

    // Nobody holds anything now: no more reading.
    await act(() => vi.advanceTimersByTimeAsync(HELD_RECHECK_MS * 3));
    expect(requests).toHaveLength(4);
  });
});
