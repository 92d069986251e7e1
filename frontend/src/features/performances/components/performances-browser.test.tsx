import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';

import { mockFetch, type RecordedRequest } from '@/testing/fetch-mock';
import { performanceSummary } from '@/testing/fixtures';

import { PerformancesBrowser } from './performances-browser';

function LocationProbe() {
  const location = useLocation();

  return <output data-testid="location">{location.search}</output>;
}

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <>
            <PerformancesBrowser />
            <LocationProbe />
          </>
        ),
      },
      { path: '/performances/:id', element: <p>Performance page</p> },
    ],
    { initialEntries: [url] },
  );

  render(<RouterProvider router={router} />);

  return router;
}

const items = [
  performanceSummary(),
  performanceSummary({
    performance_id: 13,
    title: 'Twelfth Night',
    genre: 'Comedy',
    venue_name: 'Riverside',
    city: 'London',
    time_zone: 'Europe/London',
    starts_at: '2026-07-01T18:00:00Z',
    local_starts_at: '2026-07-01T19:00:00',
    seats_available: 12,
    capacity: 300,
    price_from_cents: 1850,
    currency: 'GBP',
  }),
  performanceSummary({
    performance_id: 14,
    title: 'The Seagull',
    seats_available: 0,
  }),
];

function api(total = 3) {
  return mockFetch({
    'GET /api/performances': (request: RecordedRequest) => ({
      body: {
        items,
        page: Number(request.search.get('page')),
        page_size: 20,
        total,
        sort: request.search.get('sort'),
        order: request.search.get('order'),
      },
    }),
    'GET /api/genres': {
      body: {
        items: [
          { genre_id: 1, name: 'Comedy' },
          { genre_id: 2, name: 'Tragedy' },
        ],
      },
    },
    'GET /api/venues': {
      body: {
        items: [
          {
            venue_id: 1,
            name: 'Grand Hall',
            city: 'Vienna',
            time_zone: 'Europe/Vienna',
            capacity: 902,
          },
        ],
      },
    },
  });
}

function performanceRequests(requests: RecordedRequest[]) {
  return requests.filter((request) => request.path === '/api/performances');
}

describe('performances table', () => {
  it('shows each start in the venue’s own time zone', async () => {
    api();
    renderAt('/');

    const hamlet = (
      await screen.findByRole('link', { name: 'Hamlet' })
    ).closest('tr')!;
    const row = within(hamlet);

    // 17:30 UTC on the day Vienna moves to summer time is 19:30 CEST.
    expect(row.getByText(/19:30/)).toBeInTheDocument();
    expect(row.getByText('CEST')).toBeInTheDocument();
    expect(row.getByText('Sun 29 Mar 2026')).toBeInTheDocument();
    expect(row.getByText('€25.00')).toBeInTheDocument();
    expect(hamlet).toHaveTextContent('Grand Hall, Vienna');

    const london = within(
      screen.getByRole('link', { name: 'Twelfth Night' }).closest('tr')!,
    );

    expect(london.getByText(/19:00/)).toBeInTheDocument();
    expect(london.getByText('BST')).toBeInTheDocument();
    expect(london.getByText('£18.50')).toBeInTheDocument();
    expect(london.getByText('Few left')).toBeInTheDocument();

    const seagull = within(
      screen.getByRole('link', { name: 'The Seagull' }).closest('tr')!,
    );

    expect(seagull.getByText('Sold out')).toBeInTheDocument();
  });

  it('asks the server for the first page sorted by start time by default', async () => {
    const { requests } = api();

    renderAt('/');
    await screen.findByRole('link', { name: 'Hamlet' });

    const [first] = performanceRequests(requests);

    expect(first!.search.get('sort')).toBe('starts_at');
    expect(first!.search.get('order')).toBe('asc');
    expect(first!.search.get('page')).toBe('1');
    expect(first!.search.get('page_size')).toBe('20');
    expect(
      screen.getByRole('columnheader', { name: /date and time/i }),
    ).toHaveAttribute('aria-sort', 'ascending');
  });

  it('sorts by a column through the URL when its header is clicked', async () => {
    const user = userEvent.setup();
    const { requests } = api();

    renderAt('/?page=2');
    await screen.findByRole('link', { name: 'Hamlet' });

    await user.click(screen.getByRole('button', { name: /^title/i }));

    expect(screen.getByTestId('location')).toHaveTextContent(
      '?sort=title&order=asc',
    );
    await waitFor(() =>
      expect(performanceRequests(requests).at(-1)!.search.get('sort')).toBe(
        'title',
      ),
    );
    expect(performanceRequests(requests).at(-1)!.search.get('page')).toBe('1');
    expect(
      screen.getByRole('columnheader', { name: /title/i }),
    ).toHaveAttribute('aria-sort', 'ascending');

    await user.click(screen.getByRole('button', { name: /^title/i }));

    expect(screen.getByTestId('location')).toHaveTextContent(
      '?sort=title&order=desc',
    );
    await waitFor(() =>
      expect(performanceRequests(requests).at(-1)!.search.get('order')).toBe(
        'desc',
      ),
    );
  });

  it('filters by genre through the URL and the request', async () => {
    const user = userEvent.setup();
    const { requests } = api();

    renderAt('/?venue=1');
    await screen.findByRole('option', { name: 'Tragedy' });

    await user.selectOptions(screen.getByLabelText('Genre'), 'Tragedy');

    expect(screen.getByTestId('location')).toHaveTextContent(
      '?venue=1&genre=2',
    );
    await waitFor(() => {
      const last = performanceRequests(requests).at(-1)!;

      expect(last.search.get('genre_id')).toBe('2');
      expect(last.search.get('venue_id')).toBe('1');
    });
  });

  it('moves between pages', async () => {
    const user = userEvent.setup();
    const { requests } = api(45);

    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    renderAt('/');
    await screen.findByText('Showing 1–20 of 45');

    await user.click(screen.getByRole('button', { name: 'Page 3' }));

    expect(screen.getByTestId('location')).toHaveTextContent('?page=3');
    await waitFor(() =>
      expect(performanceRequests(requests).at(-1)!.search.get('page')).toBe(
        '3',
      ),
    );
  });

  it('counts the rows on screen while the next page loads', async () => {
    const user = userEvent.setup();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });

    mockFetch({
      'GET /api/performances': async (request: RecordedRequest) => {
        const page = Number(request.search.get('page'));

        if (page === 3) await held;

        return {
          body: {
            items,
            page,
            page_size: 20,
            total: 45,
            sort: 'starts_at',
            order: 'asc',
          },
        };
      },
      'GET /api/genres': { body: { items: [] } },
      'GET /api/venues': { body: { items: [] } },
    });
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    renderAt('/');
    await screen.findByText('Showing 1–20 of 45');

    await user.click(screen.getByRole('button', { name: 'Page 3' }));

    expect(screen.getByTestId('location')).toHaveTextContent('?page=3');
    expect(screen.getByText('Showing 1–20 of 45')).toBeInTheDocument();

    release();

    expect(await screen.findByText('Showing 41–45 of 45')).toBeInTheDocument();
  });

  it('opens the performance when a row is clicked', async () => {
    const user = userEvent.setup();

    api();
    const router = renderAt('/');

    const link = await screen.findByRole('link', { name: 'Twelfth Night' });

    await user.click(within(link.closest('tr')!).getByText('Comedy'));

    expect(router.state.location.pathname).toBe('/performances/13');
  });

  it('offers a retry when the list fails to load', async () => {
    const user = userEvent.setup();
    let fail = true;

    mockFetch({
      'GET /api/performances': () =>
        fail
          ? {
              status: 500,
              body: { error: { code: 'internal_error', message: 'Boom' } },
            }
          : {
              body: {
                items,
                page: 1,
                page_size: 20,
                total: 3,
                sort: 'starts_at',
                order: 'asc',
              },
            },
      'GET /api/genres': { body: { items: [] } },
      'GET /api/venues': { body: { items: [] } },
    });
    renderAt('/');

    expect(
      await screen.findByText('We could not load the performances'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Something went wrong on our side. Please try again.'),
    ).toBeInTheDocument();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('link', { name: 'Hamlet' }),
    ).toBeInTheDocument();
  });
});
