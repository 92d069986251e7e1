// Dates, times and money as people at the venue read them.

export const LOCALE = 'en-GB';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions) {
  let cached = formatters.get(key);

  if (!cached) {
    cached = new Intl.DateTimeFormat(LOCALE, options);
    formatters.set(key, cached);
  }

  return cached;
}

// Locales differ in which zones they know a name for: en-GB knows "CEST" and
// "BST", en-US knows "EDT", en-AU knows "AEDT". Take the first real name and
// fall back to the GMT offset.
const ZONE_NAME_LOCALES = ['en-GB', 'en-US', 'en-AU', 'en-CA', 'en-NZ'];

export function zoneAbbreviation(instant: Date, timeZone: string): string {
  let fallback = '';

  for (const locale of ZONE_NAME_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, {
      timeZone,
      timeZoneName: 'short',
    })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value;

    if (!name) continue;
    if (!/^(GMT|UTC)([+-]|$)/.test(name)) return name;

    fallback ||= name;
  }

  return fallback;
}

export type VenueDateTime = {
  /** "Sun 29 Mar 2026" */
  date: string;
  /** "19:30" */
  time: string;
  /** "CEST" */
  zone: string;
  /** "Sun 29 Mar 2026, 19:30 CEST" */
  full: string;
};

/**
 * Formats the instant `startsAt` (UTC) as wall-clock time in the venue's
 * IANA zone, so daylight-saving changes come out right.
 */
export function formatVenueDateTime(
  startsAt: string,
  timeZone: string,
): VenueDateTime {
  const instant = new Date(startsAt);
  const date = formatter(`date:${timeZone}`, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
    .format(instant)
    .replace(',', '');
  const time = formatter(`time:${timeZone}`, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  const zone = zoneAbbreviation(instant, timeZone);

  return { date, time, zone, full: `${date}, ${time} ${zone}`.trim() };
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
  }).format(cents / 100);
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;

  if (hours === 0) return `${rest} min`;
  if (rest === 0) return `${hours} h`;

  return `${hours} h ${rest} min`;
}

export function plural(count: number, one: string, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
