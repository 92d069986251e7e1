import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { mockFetch } from '@/testing/fetch-mock';
import { performanceSummary } from '@/testing/fixtures';

import { SearchBrowser } from './search-browser';

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      { path: '/search', element: <SearchBrowser /> },
      { path: '/performances/:id', element: <p>Performance page</p> },
    ],
    { initialEntries: [url] },
  );

  render(<RouterProvider router={router} />);

  return router;
}

const catalogue = {
  'GET /api/genres': { body: { items: [{ genre_id: 2, name: 'Opera' }] } },
  'GET /api/venues': { body: { items: [] } },
};

const page = (items: unknown[], q = '') => ({
  body: {
    items,
    page: 1,
    page_size: 20,
    total: items.length,
    sort: 'relevance',
    q,
  },
});

test('the search in the URL is run and its results link to performances', async () => {
  const { requests } = mockFetch({
    ...catalogue,
    'GET /api/search': page(
      [
        {
          ...performanceSummary({ title: 'La bohème' }),
          relevance: 100,
          popularity: 3,
        },
      ],
      'boheme',
    ),
  });

  renderAt('/search?q=boheme');

  const link = await screen.findByRole('link', { name: 'La bohème' });
  const search = requests.find((r) => r.path === '/api/search')!;

  expect(link).toHaveAttribute('href', '/performances/12');
  expect(search.search.get('q')).toBe('boheme');
  expect(screen.getByRole('searchbox', { name: /search/i })).toHaveValue(
    'boheme',
  );
});

test('filters go into the URL, and the back button restores the search', async () => {
  mockFetch({ ...catalogue, 'GET /api/search': page([]) });
  const router = renderAt('/search?q=hamlet');

  await userEvent.click(await screen.findByRole('checkbox', { name: 'Opera' }));
  await userEvent.selectOptions(
    screen.getByLabelText('Time of day'),
    'matinee',
  );
  await userEvent.type(screen.getByLabelText('Highest price'), '25');
  await userEvent.click(screen.getByRole('button', { name: 'Search' }));

  expect(router.state.location.search).toBe(
    '?q=hamlet&genres=2&time_of_day=matinee&price_max_cents=2500',
  );

  await router.navigate(-1);

  expect(router.state.location.search).toBe('?q=hamlet');
  await waitFor(() =>
    expect(screen.getByLabelText('Time of day')).toHaveValue(''),
  );
});

test('an empty result says why and offers to drop the filters', async () => {
  mockFetch({ ...catalogue, 'GET /api/search': page([]) });
  const router = renderAt('/search?q=zzz&group_size=8&city=Paris');

  expect(
    await screen.findByText(
      /matches “zzz” with these filters: city, group size/,
    ),
  ).toBeInTheDocument();

  await userEvent.click(
    screen.getByRole('button', { name: 'Search again without filters' }),
  );

  expect(router.state.location.search).toBe('?q=zzz');
});

test('a filter the API refuses is named on the page', async () => {
  mockFetch({
    ...catalogue,
    'GET /api/search': {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'Some fields are not valid: date_to.',
          details: { fields: { date_to: 'must not be before the from date' } },
        },
      },
    },
  });

  renderAt('/search?date_from=2030-02-01&date_to=2030-01-01');

  expect(
    await screen.findByText('to date must not be before the from date'),
  ).toBeInTheDocument();
  expect(screen.getByRole('alert')).toHaveTextContent(
    'Please change these filters',
  );
  expect(screen.queryByRole('button', { name: /try again/i })).toBeNull();
});

test('an address with an unknown sort is searched and corrected without it', async () => {
  const { requests } = mockFetch({ ...catalogue, 'GET /api/search': page([]) });

  const router = renderAt('/search?q=hamlet&sort=bogus');

  await waitFor(() => expect(router.state.location.search).toBe('?q=hamlet'));
  const searches = requests.filter((r) => r.path === '/api/search');
  expect(searches.length).toBeGreaterThan(0);
  expect(searches.every((r) => !r.search.has('sort'))).toBe(true);
  expect(screen.queryByText(/sort must be/)).not.toBeInTheDocument();
});
