import type { Seat } from '@/types/api';

import { inReadingOrder, neighbour } from './seats';

function seat(
  row: string,
  number: number,
  x: number,
  y: number,
  section = 1,
): Seat {
  return {
    seat_id: section * 10000 + row.charCodeAt(0) * 100 + number,
    section_id: section,
    row_label: row,
    seat_number: number,
    x,
    y,
    accessible: false,
    companion: false,
    status: 'available',
  };
}

const names = (seats: Seat[]) =>
  seats.map((s) => `${s.row_label}${s.seat_number}`);

describe('inReadingOrder', () => {
  it('reads curved rows whole, nearest row first, left to right', () => {
    // Row A curves away from the stage at its ends, further back than the
    // middle of row B.
    const seats = [
      seat('B', 2, 0, 2),
      seat('A', 3, 2, 2.5),
      seat('A', 1, -2, 2.5),
      seat('B', 1, -2, 3.5),
      seat('A', 2, 0, 1),
      seat('B', 3, 2, 3.5),
    ];

    expect(names(inReadingOrder(seats))).toEqual([
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'B3',
    ]);
  });

  it('leaves the seats it was given as they were', () => {
    const seats = [seat('B', 1, 0, 2), seat('A', 1, 0, 1)];

    inReadingOrder(seats);

    expect(names(seats)).toEqual(['B1', 'A1']);
  });
});

describe('reading order across sections', () => {
  it('reads a section that wraps round another whole', () => {
    // Box rows (section 2) sit beside the stalls from row B backwards.
    const seats = [
      seat('A', 1, 0, 1),
      seat('B', 1, 0, 2),
      seat('C', 1, 0, 3),
      seat('A', 1, -9, 2, 2),
      seat('B', 1, -9, 3, 2),
    ];

    expect(
      inReadingOrder(seats).map((s) => `${s.section_id}${s.row_label}`),
    ).toEqual(['1A', '1B', '1C', '2A', '2B']);
  });
});

describe('neighbour', () => {
  // Row A curves: its ends are further from the stage than row B's middle.
  const seats = inReadingOrder([
    seat('A', 1, -2, 2.5),
    seat('A', 2, 0, 1),
    seat('A', 3, 2, 2.5),
    seat('B', 1, -2, 3.5),
    seat('B', 2, 0, 2),
    seat('B', 3, 2, 3.5),
  ]);
  const at = (name: string) => seats.find((s) => names([s])[0] === name)!;
  const go = (from: string, direction: Parameters<typeof neighbour>[2]) => {
    const found = neighbour(seats, at(from), direction);

    return found && names([found])[0];
  };

  it('keeps left and right within the row, however it curves', () => {
    expect(go('A2', 'right')).toBe('A3');
    expect(go('A3', 'right')).toBeUndefined();
    expect(go('A2', 'left')).toBe('A1');
  });

  it('moves up and down one row, to the seat nearest across', () => {
    expect(go('A3', 'down')).toBe('B3');
    expect(go('B2', 'up')).toBe('A2');
    expect(go('A1', 'up')).toBeUndefined();
    expect(go('B1', 'down')).toBeUndefined();
  });
});
