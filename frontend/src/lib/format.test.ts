import {
  formatDuration,
  formatMoney,
  formatVenueDateTime,
  zoneAbbreviation,
} from './format';

describe('formatVenueDateTime', () => {
  it('shows summer time in Vienna on the day the clocks change', () => {
    const result = formatVenueDateTime('2026-03-29T17:30:00Z', 'Europe/Vienna');

    expect(result.time).toBe('19:30');
    expect(result.zone).toBe('CEST');
    expect(result.date).toBe('Sun 29 Mar 2026');
  });

  it('shows winter time in Vienna the day before', () => {
    const result = formatVenueDateTime('2026-03-28T17:30:00Z', 'Europe/Vienna');

    expect(result.time).toBe('18:30');
    expect(result.zone).toBe('CET');
  });

  it('moves to the next day when the venue is ahead of UTC', () => {
    const result = formatVenueDateTime(
      '2026-03-29T17:30:00Z',
      'Australia/Sydney',
    );

    expect(result.date).toBe('Mon 30 Mar 2026');
    expect(result.time).toBe('04:30');
  });
});

describe('zoneAbbreviation', () => {
  it('finds a name for American zones too', () => {
    expect(
      zoneAbbreviation(new Date('2026-07-01T12:00:00Z'), 'America/New_York'),
    ).toBe('EDT');
  });
});

describe('formatMoney', () => {
  it('formats minor units in the venue currency', () => {
    expect(formatMoney(5500, 'EUR')).toBe('€55.00');
    expect(formatMoney(123456, 'GBP')).toBe('£1,234.56');
  });
});

describe('formatDuration', () => {
  it('reads as hours and minutes', () => {
    expect(formatDuration(180)).toBe('3 h');
    expect(formatDuration(95)).toBe('1 h 35 min');
    expect(formatDuration(45)).toBe('45 min');
  });
});
