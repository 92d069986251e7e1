// Stands in for the network: answers fetch() calls by method and path, and
// records every request so tests can check what the app sent.

type Reply = { status?: number; body?: unknown };
type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export type RecordedRequest = {
  method: string;
  url: string;
  path: string;
  search: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
};

export function mockFetch(routes: Record<string, Handler | Reply>) {
  const requests: RecordedRequest[] = [];

  const fetchMock = vi.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = (init?.method ?? 'GET').toUpperCase();
      const request: RecordedRequest = {
        method,
        url: `${url.pathname}${url.search}`,
        path: url.pathname,
        search: url.searchParams,
        headers: Object.fromEntries(
          Object.entries((init?.headers ?? {}) as Record<string, string>),
        ),
        body:
          typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        credentials: init?.credentials,
      };

      requests.push(request);

      const route = routes[`${method} ${url.pathname}`];

      if (!route) {
        return jsonResponse(404, {
          error: {
            code: 'not_found',
            message: `No mock for ${method} ${url.pathname}`,
          },
        });
      }

      const reply = typeof route === 'function' ? await route(request) : route;

      return jsonResponse(reply.status ?? 200, reply.body);
    },
  );

  vi.stubGlobal('fetch', fetchMock);

  return { fetchMock, requests };
}

export function jsonResponse(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });

  return new Response(JSON.stringify(body ?? null), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
