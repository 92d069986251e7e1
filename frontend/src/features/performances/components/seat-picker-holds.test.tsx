import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { mockFetch } from '@/testing/fetch-mock';
import { performanceDetail, seatGrid } from '@/testing/fixtures';

import { SeatPicker } from './seat-picker';

function holdsBody(ids: number[]) {
  return {
    performance_id: 12,
    expires_at: ids.length ? '2030-01-01T10:00:00Z' : null,
    seconds_left: ids.length ? 600 : null,
    holds: ids.map((seat_id) => ({
      seat_id,
      expires_at: '2030-01-01T10:00:00Z',
      seconds_left: 600,
      state: 'held',
    })),
  };
}

function renderHolding(onChanged = vi.fn()) {
  render(
    <SeatPicker
      performance={performanceDetail()}
      seats={seatGrid([103])}
      onBook={vi.fn(async () => {})}
      onSeatsTaken={vi.fn()}
      holding={{
        heldIds: [],
        secondsLeft: 600,
        receivedAt: Date.now(),
        onChanged,
      }}
    />,
  );

  return onChanged;
}

function seat(name: RegExp) {
  return within(screen.getByRole('group', { name: 'Seat map' })).getByRole(
    'checkbox',
    { name },
  );
}

const bestPair = {
  performance_id: 12,
  together: true,
  expires_at: '2030-01-01T10:00:00Z',
  seconds_left: 600,
  seats: [
    {
      seat_id: 104,
      section_id: 1,
      row_label: 'A',
      seat_number: 4,
      price_cents: 5500,
    },
    {
      seat_id: 105,
      section_id: 1,
      row_label: 'A',
      seat_number: 5,
      price_cents: 5500,
    },
  ],
};

describe('seat map with holds', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('holds each pick on the server, always sending the whole selection', async () => {
    const user = userEvent.setup();
    const { requests } = mockFetch({
      'POST /api/performances/12/holds': (request) => ({
        body: holdsBody((request.body as { seat_ids: number[] }).seat_ids),
      }),
    });
    const onChanged = renderHolding();

    await user.click(seat(/^Stalls row A seat 1,/));
    await user.click(seat(/^Stalls row A seat 2,/));

    const sent = requests
      .filter((r) => r.path === '/api/performances/12/holds')
      .map((r) => (r.body as { seat_ids: number[] }).seat_ids);
    expect(sent.at(-1)).toEqual([101, 102]);
    expect(onChanged).toHaveBeenCalled();
    expect(screen.getByRole('timer')).toHaveTextContent('10:00');
  });

  it('drops a seat someone else holds and says so', async () => {
    const user = userEvent.setup();
    mockFetch({
      'POST /api/performances/12/holds': {
        status: 409,
        body: {
          error: {
            code: 'seat_held',
            message: 'Someone else is holding some of these seats.',
            details: { seat_ids: [101] },
          },
        },
      },
    });
    renderHolding();

    await user.click(seat(/^Stalls row A seat 1,/));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else is holding that seat',
    );
    expect(seat(/^Stalls row A seat 1,/)).toHaveAttribute(
      'aria-checked',
      'false',
    );
  });

  it('finds seats together in one click and selects them', async () => {
    const user = userEvent.setup();
    const { requests } = mockFetch({
      'POST /api/performances/12/best-seats': { body: bestPair },
    });
    renderHolding();

    await user.click(
      screen.getByRole('button', { name: 'Find 2 seats together' }),
    );

    expect(requests.at(-1)!.body).toEqual({
      count: 2,
      accessible: false,
      accept_split: false,
    });
    expect(
      await screen.findByText(/Found 2 seats together/),
    ).not.toHaveTextContent('free again');
    expect(
      screen.getByRole('button', { name: 'Book 2 seats' }),
    ).toBeInTheDocument();
    expect(seat(/^Stalls row A seat 4,/)).toHaveAttribute(
      'aria-checked',
      'true',
    );
  });

  it('says that seats picked by hand are let go for the ones found', async () => {
    const user = userEvent.setup();
    mockFetch({
      'POST /api/performances/12/holds': (request) => ({
        body: holdsBody((request.body as { seat_ids: number[] }).seat_ids),
      }),
      'POST /api/performances/12/best-seats': { body: bestPair },
    });
    renderHolding();
    await user.click(seat(/^Stalls row A seat 1,/));

    await user.click(
      screen.getByRole('button', { name: 'Find 2 seats together' }),
    );

    expect(await screen.findByText(/Found 2 seats together/)).toHaveTextContent(
      'The seat you had chosen before is free again.',
    );
    expect(seat(/^Stalls row A seat 1,/)).toHaveAttribute(
      'aria-checked',
      'false',
    );
  });
});
