import { mockFetch } from '@/testing/fetch-mock';

import { api, ApiError, onUnauthenticated, parseErrorBody } from './api-client';
import { errorMessage, fieldErrors } from './error-messages';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }

  throw new Error('Expected the request to fail');
}

describe('api client', () => {
  it('sends JSON, an empty object body and same-origin credentials on POST', async () => {
    const { requests } = mockFetch({
      'POST /api/auth/logout': { status: 204 },
    });

    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined();

    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers['Content-Type']).toBe('application/json');
    expect(requests[0]!.body).toEqual({});
    expect(requests[0]!.credentials).toBe('same-origin');
  });

  it('sends no body and no content type on GET', async () => {
    const { fetchMock, requests } = mockFetch({
      'GET /api/genres': { body: { items: [{ genre_id: 1, name: 'Drama' }] } },
    });

    const data = await api.get<{ items: unknown[] }>('/api/genres');

    expect(data.items).toEqual([{ genre_id: 1, name: 'Drama' }]);
    expect(requests[0]!.headers['Content-Type']).toBeUndefined();
    expect(fetchMock.mock.calls[0]![1]!.body).toBeUndefined();
  });

  it('turns the error shape into an ApiError with code, message and details', async () => {
    mockFetch({
      'POST /api/bookings': {
        status: 409,
        body: {
          error: {
            code: 'seat_taken',
            message: 'Seat Stalls B-7 is already taken.',
            details: { seat_ids: [1207, 1208] },
          },
        },
      },
    });

    const error = await caught(
      api.post('/api/bookings', { performance_id: 1, seat_ids: [1207] }),
    );

    expect(error.status).toBe(409);
    expect(error.code).toBe('seat_taken');
    expect(error.message).toBe('Seat Stalls B-7 is already taken.');
    expect(error.seatIds).toEqual([1207, 1208]);
  });

  it('exposes per-field messages of validation_failed', async () => {
    mockFetch({
      'POST /api/auth/register': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid input.',
            details: { fields: { username: 'Too short.', email: 42 } },
          },
        },
      },
    });

    const error = await caught(api.post('/api/auth/register', {}));

    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual({ username: 'Too short.' });
  });

  it('copes with an error body that is not JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<h1>Bad gateway</h1>', { status: 502 })),
    );

    const error = await caught(api.get('/api/performances'));

    expect(error.status).toBe(502);
    expect(error.code).toBe('internal_error');
    expect(error.fields).toEqual({});
  });

  it('reports a network failure as network_error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );

    const error = await caught(api.get('/api/performances'));

    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(errorMessage(error)).toMatch(/could not reach the box office/i);
  });

  it('tells listeners about a 401 on a normal request but not on /api/auth/me', async () => {
    mockFetch({
      'GET /api/bookings': {
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'Log in.' } },
      },
      'GET /api/auth/me': {
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'Log in.' } },
      },
    });
    const listener = vi.fn();
    const stop = onUnauthenticated(listener);

    await caught(api.get('/api/auth/me'));
    expect(listener).not.toHaveBeenCalled();

    await caught(api.get('/api/bookings'));
    expect(listener).toHaveBeenCalledTimes(1);

    stop();
  });
});

describe('parseErrorBody', () => {
  it('falls back to a status code when the shape is missing', () => {
    const error = parseErrorBody(418, { oops: true });

    expect(error.code).toBe('http_418');
    expect(error.details).toEqual({});
  });
});

describe('errorMessage', () => {
  it('uses the message for a known code', () => {
    const error = new ApiError(409, 'username_taken', 'server text');

    expect(errorMessage(error)).toBe(
      'That username is already taken. Try another one.',
    );
  });

  it("falls back to the server's message for an unknown code", () => {
    const error = new ApiError(409, 'brand_new_code', 'Server says no.');

    expect(errorMessage(error)).toBe('Server says no.');
  });

  it('prefers a caller override', () => {
    const error = new ApiError(401, 'unauthenticated', 'x');

    expect(errorMessage(error, { unauthenticated: 'Wrong password.' })).toBe(
      'Wrong password.',
    );
  });
});

describe('fieldErrors', () => {
  it('turns fragments into sentences with the field label', () => {
    const error = new ApiError(400, 'validation_failed', 'Invalid.', {
      fields: { username: 'is required', email: 'Looks odd.' },
    });

    expect(fieldErrors(error, { username: 'Username' })).toEqual({
      username: 'Username is required.',
      email: 'Looks odd.',
    });
  });
});
