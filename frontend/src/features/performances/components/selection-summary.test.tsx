import { render, screen, within } from '@testing-library/react';

import type { Seat, Section } from '@/types/api';

import { SelectionSummary } from './selection-summary';

const stalls: Section = {
  section_id: 1,
  name: 'Stalls',
  price_cents: 4000,
  capacity: 10,
  available: 10,
};

function seat(number: number, flags: Partial<Seat> = {}): Seat {
  return {
    seat_id: number,
    section_id: 1,
    row_label: 'A',
    seat_number: number,
    x: number,
    y: 1,
    accessible: false,
    companion: false,
    status: 'available',
    ...flags,
  };
}

test('a picked wheelchair space or companion seat is named as such', () => {
  render(
    <SelectionSummary
      selected={[
        seat(1, { accessible: true }),
        seat(2, { companion: true }),
        seat(3),
      ]}
      sectionsById={new Map([[1, stalls]])}
      currency="EUR"
      busy={false}
      onRemove={vi.fn()}
      onClear={vi.fn()}
      onBook={vi.fn()}
    />,
  );

  const items = within(screen.getByRole('list')).getAllByRole('listitem');

  expect(items.map((item) => item.firstChild?.textContent)).toEqual([
    'Stalls row A seat 1 · wheelchair space',
    'Stalls row A seat 2 · companion seat',
    'Stalls row A seat 3',
  ]);
});
