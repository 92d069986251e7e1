import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { mockFetch } from '@/testing/fetch-mock';

import { RankingsBoard } from './rankings-board';

function renderAt(url: string) {
  const router = createMemoryRouter(
    [{ path: '/rankings', element: <RankingsBoard /> }],
    { initialEntries: [url] },
  );

  render(<RouterProvider router={router} />);

  return router;
}

const entry = (rank: number, name: string, me = false) => ({
  rank,
  display_name: name,
  bookings: 10 - rank,
  tickets: 20 - rank,
  is_current_user: me,
});

type RankingEntry = ReturnType<typeof entry>;

/** The last 30 days by bookings: these top rows, and my own row. */
function board(items: RankingEntry[], me: RankingEntry) {
  return mockFetch({
    'GET /api/rankings': {
      body: { period: 'last_30_days', metric: 'bookings', items, me },
    },
  });
}

/** An empty board for whatever board is asked for. */
function emptyBoards() {
  return mockFetch({
    'GET /api/rankings': (request) => ({
      body: {
        period: request.search.get('period'),
        metric: request.search.get('metric'),
        items: [],
        me: null,
      },
    }),
  });
}

test('ties share a rank and my row shows even outside the top', async () => {
  board([entry(1, 'Ada'), entry(1, 'Ben')], entry(7, 'Cleo', true));

  renderAt('/rankings');

  const rows = await screen.findAllByRole('row');
  const cells = rows.slice(1).map((row) => within(row).queryAllByRole('cell'));

  expect(cells[0]!.map((cell) => cell.textContent)).toEqual([
    '1',
    'Ada',
    '9',
    '19',
  ]);
  expect(cells[1]![0]).toHaveTextContent('1');
  expect(rows.at(-1)).toHaveTextContent('7Cleo (you)313');
});

test('my row tied with the last one shown follows it without a gap', async () => {
  board([entry(1, 'Ada'), entry(2, 'Ben')], entry(2, 'Cleo', true));

  renderAt('/rankings');

  const rows = await screen.findAllByRole('row');

  expect(screen.queryByText('…')).not.toBeInTheDocument();
  expect(rows.at(-1)).toHaveTextContent('2Cleo (you)');
});

test('my row right after the top follows it without a gap', async () => {
  board([entry(1, 'Ada'), entry(2, 'Ben')], entry(3, 'Cleo', true));

  renderAt('/rankings');

  expect(await screen.findByText('Cleo')).toBeInTheDocument();
  expect(screen.queryByText('…')).not.toBeInTheDocument();
});

test('a gap stands for the places between the top and my row', async () => {
  board([entry(1, 'Ada'), entry(2, 'Ben')], entry(5, 'Cleo', true));

  renderAt('/rankings');

  expect(await screen.findByText('…')).toBeInTheDocument();
});

test('choosing a period asks for it and keeps it in the URL', async () => {
  const { requests } = emptyBoards();
  const router = renderAt('/rankings');

  await userEvent.click(
    await screen.findByRole('button', { name: 'All time' }),
  );
  await userEvent.click(screen.getByRole('button', { name: 'Tickets' }));

  expect(router.state.location.search).toBe('?period=all_time&metric=tickets');
  expect(requests.at(-1)!.search.get('period')).toBe('all_time');
  expect(requests.at(-1)!.search.get('metric')).toBe('tickets');
  expect(
    await screen.findByText(/you are not on this board/i),
  ).toBeInTheDocument();
});

test('an address naming an unknown board is corrected to the one shown', async () => {
  emptyBoards();

  const router = renderAt('/rankings?period=bogus&metric=tickets');

  await waitFor(() =>
    expect(router.state.location.search).toBe(
      '?period=last_30_days&metric=tickets',
    ),
  );
});

test('an address naming a board in another case or twice shows that board', async () => {
  const { requests } = emptyBoards();

  const router = renderAt(
    '/rankings?period=All_Time&metric=tickets&metric=bogus',
  );

  await waitFor(() =>
    expect(router.state.location.search).toBe(
      '?period=all_time&metric=tickets',
    ),
  );
  expect(
    requests.every(
      (request) =>
        request.search.get('period') === 'all_time' &&
        request.search.get('metric') === 'tickets',
    ),
  ).toBe(true);
  expect(screen.getByRole('button', { name: 'All time' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

/** The API says the board is being worked out, then answers with it. */
function notReadyThenBoard(retryAfterSeconds: number) {
  let calls = 0;
  mockFetch({
    'GET /api/rankings': () =>
      ++calls === 1
        ? {
            status: 503,
            body: {
              error: {
                code: 'ranking_not_ready',
                message: 'The leaderboard is being worked out.',
                details: { retry_after_seconds: retryAfterSeconds },
              },
            },
          }
        : {
            body: {
              period: 'last_30_days',
              metric: 'bookings',
              items: [entry(1, 'Ada')],
              me: null,
            },
          },
  });

  return { calls: () => calls };
}

test('a board still being worked out says so and is asked for again', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const answers = notReadyThenBoard(2);

  try {
    renderAt('/rankings');

    expect(
      await screen.findByText('The leaderboard is being worked out'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(answers.calls()).toBe(1);

    await vi.advanceTimersByTimeAsync(2000);

    expect(await screen.findByText('Ada')).toBeInTheDocument();
    expect(answers.calls()).toBe(2);
  } finally {
    vi.useRealTimers();
  }
});

test('a board still being worked out can be asked for again at once', async () => {
  notReadyThenBoard(30);

  renderAt('/rankings');

  await userEvent.click(
    await screen.findByRole('button', { name: 'Try again now' }),
  );
  expect(await screen.findByText('Ada')).toBeInTheDocument();
});
