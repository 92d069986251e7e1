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

/**
 * Seats in reading order: row by row from the stage, each left to right.
 * A row's nearest seat places it, so a curved row (whose ends sit further
 * back or forward than its middle) is read whole.
 */
export function inReadingOrder(seats: Seat[]): Seat[] {
  const rowOf = (seat: Seat) => `${seat.section_id}/${seat.row_label}`;
  const depth = new Map<string, number>();

  for (const seat of seats) {
    const row = rowOf(seat);

    depth.set(row, Math.min(depth.get(row) ?? Infinity, seat.y));
  }

  return [...seats].sort((a, b) => {
    const rowA = rowOf(a);
    const rowB = rowOf(b);

    return (
      depth.get(rowA)! - depth.get(rowB)! ||
      (rowA === rowB ? 0 : rowA < rowB ? -1 : 1) ||
      a.x - b.x
    );
  });
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The seat an arrow key should move to: the nearest one in that direction,
 * preferring the same row for left/right and the next row for up/down.
 */
export function neighbour(
  seats: Seat[],
  from: Seat,
  direction: Direction,
): Seat | undefined {
  const sameRow = (seat: Seat) => Math.abs(seat.y - from.y) < 0.5;
  let best: Seat | undefined;
  let bestScore = Infinity;

  for (const seat of seats) {
    if (seat.seat_id === from.seat_id) continue;

    const dx = seat.x - from.x;
    const dy = seat.y - from.y;
    let score: number;

    if (direction === 'left' || direction === 'right') {
      if (!sameRow(seat)) continue;
      if (direction === 'left' ? dx >= 0 : dx <= 0) continue;
      score = Math.abs(dx);
    } else {
      if (sameRow(seat)) continue;
      if (direction === 'up' ? dy >= 0 : dy <= 0) continue;
      score = Math.abs(dy) * 100 + Math.abs(dx);
    }

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
