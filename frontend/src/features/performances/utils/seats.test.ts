import type { Seat } from '@/types/api';

import { inReadingOrder } from './seats';

function seat(row: string, number: number, x: number, y: number): Seat {
  return {
    seat_id: row.charCodeAt(0) * 100 + number,
    section_id: 1,
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
