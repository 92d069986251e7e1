import { formatMoney } from '@/lib/format';
import type { Seat, SeatMapStatus, SeatStatus, Section } from '@/types/api';

export const MAX_SEATS = 10;

// Section colours, dark enough for a white symbol on top and for 3:1
// contrast against the ivory page (WCAG non-text contrast).
const PALETTE = [
  '#8c2344',
  '#1d5d8a',
  '#2c7047',
  '#9a4f17',
  '#63409b',
  '#0e6f73',
  '#6f5f0e',
  '#5b5f6b',
];

export type PriceCategory = {
  priceCents: number;
  color: string;
  sections: Section[];
};

/** Sections grouped by price, dearest first, each with its colour. */
export function priceCategories(sections: Section[]): PriceCategory[] {
  const byPrice = new Map<number, Section[]>();

  for (const section of sections) {
    const group = byPrice.get(section.price_cents) ?? [];

    group.push(section);
    byPrice.set(section.price_cents, group);
  }

  return [...byPrice.entries()]
    .sort(([a], [b]) => b - a)
    .map(([priceCents, group], index) => ({
      priceCents,
      color: PALETTE[index % PALETTE.length]!,
      sections: group,
    }));
}

export function sectionColors(sections: Section[]): Map<number, string> {
  const colors = new Map<number, string>();

  for (const category of priceCategories(sections)) {
    for (const section of category.sections) {
      colors.set(section.section_id, category.color);
    }
  }

  return colors;
}

export function seatName(seat: Seat, section: Section | undefined): string {
  return `${section?.name ?? 'Seat'} row ${seat.row_label} seat ${seat.seat_number}`;
}

export function seatAriaLabel(
  seat: Seat,
  section: Section | undefined,
  currency: string,
): string {
  const parts = [seatName(seat, section)];

  if (section) parts.push(formatMoney(section.price_cents, currency));
  if (seat.accessible) parts.push('wheelchair space');
  if (seat.companion) parts.push('companion seat');

  parts.push(seat.status === 'held' ? 'held by someone else' : seat.status);

  return parts.join(', ');
}

/** Which row a seat is in: rows are numbered within a section. */
export function rowKey(seat: Seat): string {
  return `${seat.section_id}/${seat.row_label}`;
}

/**
 * Seats in reading order: section by section, each from its seat nearest
 * the stage, row by row from the stage, each row left to right. A row's
 * nearest seat places it, so a curved row (whose ends sit further back or
 * forward than its middle) is read whole, and so is a section that wraps
 * round another.
 */
export function inReadingOrder(seats: Seat[]): Seat[] {
  const depth = new Map<string, number>();
  const nearer = (key: string, y: number) =>
    depth.set(key, Math.min(depth.get(key) ?? Infinity, y));

  for (const seat of seats) {
    nearer(`${seat.section_id}`, seat.y);
    nearer(rowKey(seat), seat.y);
  }

  const place = (seat: Seat): [number, number, number, string, number] => [
    depth.get(`${seat.section_id}`)!,
    seat.section_id,
    depth.get(rowKey(seat))!,
    seat.row_label,
    seat.x,
  ];

  return [...seats].sort((a, b) => {
    const pa = place(a);
    const pb = place(b);

    for (let i = 0; i < pa.length; i += 1) {
      if (pa[i]! < pb[i]!) return -1;
      if (pa[i]! > pb[i]!) return 1;
    }

    return 0;
  });
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The seat an arrow key should move to, among seats in reading order
 * (inReadingOrder): left and right stay in the row; up and down go to the
 * row before or after it in reading order, to its seat nearest across.
 */
export function neighbour(
  ordered: Seat[],
  from: Seat,
  direction: Direction,
): Seat | undefined {
  const rows: string[] = [];

  for (const seat of ordered) {
    if (rows[rows.length - 1] !== rowKey(seat)) rows.push(rowKey(seat));
  }

  const here = rows.indexOf(rowKey(from));
  let target: string | undefined = rowKey(from);

  if (direction === 'up') target = rows[here - 1];
  if (direction === 'down') target = rows[here + 1];
  if (target === undefined) return undefined;

  let best: Seat | undefined;
  let bestScore = Infinity;

  for (const seat of ordered) {
    if (rowKey(seat) !== target || seat.seat_id === from.seat_id) continue;

    const dx = seat.x - from.x;

    if (direction === 'left' && dx >= 0) continue;
    if (direction === 'right' && dx <= 0) continue;

    const score = Math.abs(dx) * 100 + Math.abs(seat.y - from.y);

    if (score < bestScore) {
      best = seat;
      bestScore = score;
    }
  }

  return best;
}

/**
 * The seats of a layout with the statuses of a status read: booked if
 * listed booked, held if listed held, available otherwise. A seat whose
 * status is unchanged is the same object as before.
 */
export function withStatus(seats: Seat[], status: SeatMapStatus): Seat[] {
  const booked = new Set(status.booked);
  const held = new Set(status.held);

  return seats.map((seat) => {
    let next: SeatStatus = 'available';

    if (booked.has(seat.seat_id)) next = 'booked';
    else if (held.has(seat.seat_id)) next = 'held';

    return next === seat.status ? seat : { ...seat, status: next };
  });
}
