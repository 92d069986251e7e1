import { act, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { mockEventSource } from '@/testing/event-source-mock';
import { mockFetch } from '@/testing/fetch-mock';
import { performanceSummary } from '@/testing/fixtures';

import { PerformancesBrowser } from './performances-browser';

describe('dashboard live counts', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the list again when a listed performance changes, not for others', async () => {
    const streams = mockEventSource();
    let left = 40;
    const { requests } = mockFetch({
      'GET /api/performances': () => ({
        body: {
          items: [
            performanceSummary({ performance_id: 12, seats_available: left }),
          ],
          page: 1,
          page_size: 20,
          total: 1,
          sort: 'starts_at',
          order: 'asc',
        },
      }),
      'GET /api/genres': { body: { items: [] } },
      'GET /api/venues': { body: { items: [] } },
    });
    const router = createMemoryRouter(
      [{ path: '/', element: <PerformancesBrowser /> }],
      { initialEntries: ['/'] },
    );

    render(<RouterProvider router={router} />);
    expect(
      await screen.findByText(/40/, undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    const listReads = () =>
      requests.filter((r) => r.path === '/api/performances').length;
    const stream = streams.find((s) => s.url === '/api/events')!;

    act(() => stream.emit('changed', { type: 'changed', performance_id: 99 }));
    expect(listReads()).toBe(1);

    left = 37;
    act(() => stream.emit('changed', { type: 'changed', performance_id: 12 }));

    expect(
      await screen.findByText(/37/, undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(listReads()).toBe(2);
  });
});
