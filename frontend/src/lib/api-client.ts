// The one way the app talks to the API. It sends the headers the API asks
// for and turns every failure into an ApiError with a stable `code`.

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Per-field messages from a `validation_failed` answer. */
  get fields(): FieldErrors {
    const fields = this.details.fields;

    if (!isObject(fields)) return {};

    return Object.fromEntries(
      Object.entries(fields).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  }

  /** Seat ids named by a `seat_taken` answer. */
  get seatIds(): number[] {
    const ids = this.details.seat_ids;

    if (!Array.isArray(ids)) return [];

    return ids.filter((id): id is number => typeof id === 'number');
  }
}

type Listener = (error: ApiError) => void;

const unauthenticatedListeners = new Set<Listener>();

/** Called whenever a request other than login/me answers 401. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);

  return () => unauthenticatedListeners.delete(listener);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the API's `{error: {code, message, details}}` shape, if present. */
export function parseErrorBody(status: number, body: unknown): ApiError {
  if (isObject(body) && isObject(body.error)) {
    const { code, message, details } = body.error;

    if (typeof code === 'string') {
      return new ApiError(
        status,
        code,
        typeof message === 'string' ? message : code,
        isObject(details) ? details : {},
      );
    }
  }

  return new ApiError(
    status,
    status >= 500 ? 'internal_error' : `http_${status}`,
    `The server answered with status ${status}.`,
  );
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

export async function apiRequest<T>(
  path: string,
  { method = 'GET', body, signal, headers: extra = {} }: RequestOptions = {},
): Promise<T> {
  const changesState = method !== 'GET';
  const headers: Record<string, string> = {
    ...extra,
    Accept: 'application/json',
  };

  if (changesState) headers['Content-Type'] = 'application/json';

  let response: Response;

  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: changesState ? JSON.stringify(body ?? {}) : undefined,
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }

    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }

  if (response.status === 204) return undefined as T;

  const data: unknown = await response.json().catch(() => undefined);

  if (!response.ok) {
    const error = parseErrorBody(response.status, data);
    const isSessionCheck =
      path.startsWith('/api/auth/me') || path.startsWith('/api/auth/login');

    if (error.status === 401 && !isSessionCheck) {
      unauthenticatedListeners.forEach((listener) => listener(error));
    }

    throw error;
  }

  return data as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) =>
    apiRequest<T>(path, { signal }),
  post: <T>(path: string, body: unknown = {}, signal?: AbortSignal) =>
    apiRequest<T>(path, { method: 'POST', body, signal }),
};

/** Builds a query string, leaving out empty values. */
export function toQuery(params: Record<string, string | number | undefined>) {
  const search = new URLSearchParams();

  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }

  const text = search.toString();

  return text ? `?${text}` : '';
}
