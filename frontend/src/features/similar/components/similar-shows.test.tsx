import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { mockFetch } from '@/testing/fetch-mock';

import { SimilarShows } from './similar-shows';

function renderFor(performanceId: number) {
  const router = createMemoryRouter(
    [{ path: '/', element: <SimilarShows performanceId={performanceId} /> }],
    { initialEntries: ['/'] },
  );

  render(<RouterProvider router={router} />);
}

const tosca = {
  performance_id: 40,
  show_id: 9,
  title: 'Tosca',
  genre: 'Opera',
  genre_id: 2,
  venue_id: 1,
  venue_name: 'Grand Hall',
  city: 'Vienna',
  time_zone: 'Europe/Vienna',
  starts_at: '2026-03-29T17:30:00Z',
  local_starts_at: '2026-03-29T19:30:00',
  duration_minutes: 150,
  co_bookers: 3,
  popularity: 10,
};

test('similar shows link to each performance with its local time', async () => {
  const { requests } = mockFetch({
    'GET /api/performances/12/similar': { body: { items: [tosca] } },
  });

  renderFor(12);

  const link = await screen.findByRole('link', { name: 'Tosca' });

  expect(link).toHaveAttribute('href', '/performances/40');
  expect(screen.getByText(/Sun 29 Mar 2026, 19:30 CEST/)).toBeInTheDocument();
  expect(requests[0]!.path).toBe('/api/performances/12/similar');
});

test('no similar shows render nothing at all', async () => {
  const { requests } = mockFetch({
    'GET /api/performances/12/similar': { body: { items: [] } },
  });

  renderFor(12);

  await vi.waitFor(() => expect(requests).toHaveLength(1));
  await vi.waitFor(() =>
    expect(screen.queryByRole('heading')).not.toBeInTheDocument(),
  );
});
