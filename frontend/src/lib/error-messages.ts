import { ApiError } from './api-client';

// What we tell people for each error code. Codes come from sql/errors.json;
// anything not listed here falls back to the server's own message.
const messages: Record<string, string> = {
  validation_failed: 'Some details need another look.',
  invalid_json: 'The request could not be read. Please try again.',
  unsupported_media_type: 'The request could not be read. Please try again.',
  request_timeout:
    'The connection was too slow for the request to arrive. Please try again.',
  unauthenticated: 'Please log in to continue.',
  not_found: 'We could not find that page.',
  method_not_allowed: 'That action is not available here.',
  username_taken: 'That username is already taken. Try another one.',
  email_taken: 'An account with that email already exists. Try logging in.',
  performance_not_found: 'We could not find that performance.',
  performance_not_on_sale:
    'This performance is no longer on sale: it has started or was cancelled.',
  seat_count_out_of_range: 'Choose between 1 and 10 seats.',
  duplicate_seat: 'The same seat was chosen twice. Please check your seats.',
  seat_not_in_venue:
    'One of the seats does not exist in this venue. Please reload the map.',
  seat_taken: 'Sorry, someone has just booked one of your seats.',
  seat_held: 'Someone else is holding that seat right now. Try another one.',
  hold_lost:
    'Your hold ran out and someone else booked one of those seats meanwhile.',
  hold_limit_exceeded: 'You are holding as many seats as one person may.',
  no_adjacent_seats: 'There are not that many seats together.',
  not_enough_seats: 'There are not that many free seats left.',
  no_accessible_seats:
    'No wheelchair space is free with that many seats together. Try fewer ' +
    'seats, or another section.',
  ranking_not_ready:
    'The leaderboard is being worked out. Try again in a few seconds.',
  booking_not_found: 'We could not find that booking.',
  booking_not_cancellable:
    'This booking can no longer be cancelled: it is already cancelled or ' +
    'the performance has started.',
  internal_error: 'Something went wrong on our side. Please try again.',
  network_error:
    'We could not reach the box office. Check your connection and try again.',
};

export function errorMessage(
  error: unknown,
  overrides: Record<string, string> = {},
): string {
  if (error instanceof ApiError) {
    return overrides[error.code] ?? messages[error.code] ?? error.message;
  }

  return messages.internal_error!;
}

/**
 * A field message from `details.fields` as a sentence. The API may send a
 * fragment such as "is required"; it then reads "Username is required."
 */
export function fieldErrorText(label: string, message: string): string {
  const text = message.trim();

  if (!/^[a-z]/.test(text)) return text;

  return `${label} ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/** All of an error's field messages as sentences, by field name. */
export function fieldErrors(
  error: unknown,
  labels: Record<string, string>,
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};

  return Object.fromEntries(
    Object.entries(error.fields).map(([name, message]) => [
      name,
      fieldErrorText(labels[name] ?? name, message),
    ]),
  );
}
