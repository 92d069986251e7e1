import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { mockEventSource } from '@/testing/event-source-mock';
import { mockFetch, type RecordedRequest } from '@/testing/fetch-mock';
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

/** Lists the seats taken and one seat's place, to show the layout kept. */
function SeatsProbe({ performanceId = 12 }: { performanceId?: number }) {
  const { seats, markTaken } = useLiveAvailability(performanceId);

  if (!seats) return <p>loading</p>;

  const ids = (status: string) =>
    seats
      .filter((seat) => seat.status === status)
      .map((seat) => seat.seat_id)
      .join(' ') || 'none';
  const c5 = seats.find(
    (seat) => seat.row_label === 'C' && seat.seat_number === 5,
  );

  return (
    <>
      <p>
        booked {ids('booked')}, held {ids('held')}; {seats.length} seats, C5 at{' '}
        {c5?.x},{c5?.y}
      </p>
      <button type="button" onClick={() => markTaken([105])}>
        Seat 105 is taken
      </button>
    </>
  );
}

function seatMapReads(requests: RecordedRequest[]) {
  return requests.filter((request) => request.path.endsWith('/seats')).length;
}

describe('useLiveAvailability', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads only the seat status when the server pushes a change', async () => {
    const streams = mockEventSource();
    let booked: number[] = [];
    const { requests } = mockFetch({
      'GET /api/performances/12': () => ({
        body: performanceDetail({ seats_available: 24 - booked.length }),
      }),
      'GET /api/performances/12/seats': () => ({
        body: { performance_id: 12, venue_id: 1, seats: seatGrid(booked) },
      }),
      'GET /api/performances/12/seats/status': () => ({
        body: { performance_id: 12, booked, held: [] },
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
    expect(requests.map((request) => request.path)).toEqual([
      '/api/performances/12',
      '/api/performances/12/seats',
      '/api/performances/12',
      '/api/performances/12/seats/status',
    ]);
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
      'GET /api/performances/12/seats/status': {
        body: { performance_id: 12, booked: [], held: [] },
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
    expect(seatMapReads(requests)).toBe(1);
  });

  it('reads the status again while someone holds a seat, as holds run out', async () => {
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
      'GET /api/performances/12/seats/status': () => ({
        body: { performance_id: 12, booked: [], held },
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
    expect(requests[3]!.path).toBe('/api/performances/12/seats/status');
  });

  it('sets the status it reads on the seats it read first', async () => {
    const streams = mockEventSource();
    const { requests } = mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': {
        body: {
          performance_id: 12,
          venue_id: 1,
          seats: seatGrid([101, 102]).map((seat) =>
            seat.seat_id === 103 ? { ...seat, status: 'held' } : seat,
          ),
        },
      },
      'GET /api/performances/12/seats/status': {
        body: { performance_id: 12, booked: [102, 205], held: [101, 211] },
      },
    });

    render(<SeatsProbe />);
    expect(
      await screen.findByText(
        'booked 101 102, held 103; 24 seats, C5 at 1.5,4',
      ),
    ).toBeInTheDocument();

    act(() => streams[0]!.emit('changed', { type: 'changed', version: 1 }));

    expect(
      await screen.findByText(
        'booked 102 205, held 101 211; 24 seats, C5 at 1.5,4',
      ),
    ).toBeInTheDocument();
    expect(seatMapReads(requests)).toBe(1);
  });

  it('reads only the status after a seat turned out to be taken', async () => {
    const user = userEvent.setup();
    mockEventSource();
    let booked: number[] = [];
    const { requests } = mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats: seatGrid() },
      },
      'GET /api/performances/12/seats/status': () => ({
        body: { performance_id: 12, booked, held: [] },
      }),
    });

    render(<SeatsProbe />);
    expect(
      await screen.findByText('booked none, held none; 24 seats, C5 at 1.5,4'),
    ).toBeInTheDocument();

    booked = [104, 105];
    await user.click(screen.getByRole('button', { name: 'Seat 105 is taken' }));

    expect(
      await screen.findByText(
        'booked 104 105, held none; 24 seats, C5 at 1.5,4',
      ),
    ).toBeInTheDocument();
    expect(requests.at(-1)!.path).toBe('/api/performances/12/seats/status');
    expect(seatMapReads(requests)).toBe(1);
  });

  it('reads the whole seat map of another performance', async () => {
    const streams = mockEventSource();
    const { requests } = mockFetch({
      'GET /api/performances/12': { body: performanceDetail() },
      'GET /api/performances/12/seats': {
        body: { performance_id: 12, venue_id: 1, seats: seatGrid([101]) },
      },
      'GET /api/performances/13': {
        body: performanceDetail({ performance_id: 13 }),
      },
      'GET /api/performances/13/seats': {
        body: { performance_id: 13, venue_id: 1, seats: seatGrid([202]) },
      },
    });

    const { rerender } = render(<SeatsProbe performanceId={12} />);
    expect(await screen.findByText(/^booked 101,/)).toBeInTheDocument();

    rerender(<SeatsProbe performanceId={13} />);
    expect(await screen.findByText(/^booked 202,/)).toBeInTheDocument();
    expect(streams.at(-1)!.url).toBe('/api/performances/13/events');
    expect(requests.map((request) => request.path)).toContain(
      '/api/performances/13/seats',
    );
  });
});
