import { useMemo } from 'react';

import { formatMoney } from '@/lib/format';
import type { Seat, Section } from '@/types/api';

import { inReadingOrder, seatAriaLabel } from '../utils/seats';

type Props = {
  seats: Seat[];
  sections: Section[];
  currency: string;
  selectedIds: ReadonlySet<number>;
  onToggle: (seat: Seat) => void;
};

/**
 * The same choice as the seat map, as plain checkboxes grouped by section
 * and row: easier with a screen reader or on a small screen.
 */
export function SeatList({
  seats,
  sections,
  currency,
  selectedIds,
  onToggle,
}: Props) {
  const groups = useMemo(() => {
    const ordered = inReadingOrder(seats);

    return sections
      .map((section) => {
        const rows = new Map<string, Seat[]>();

        for (const seat of ordered) {
          if (seat.section_id !== section.section_id) continue;
          if (seat.status !== 'available' && !selectedIds.has(seat.seat_id)) {
            continue;
          }

          rows.set(seat.row_label, [...(rows.get(seat.row_label) ?? []), seat]);
        }

        return { section, rows: [...rows.entries()] };
      })
      .filter((group) => group.rows.length > 0);
  }, [seats, sections, selectedIds]);

  return (
    <details className="seat-list">
      <summary>Choose seats from a list instead</summary>
      {groups.length === 0 && <p>No seats are available.</p>}
      {groups.map(({ section, rows }) => (
        <fieldset key={section.section_id} className="seat-list__section">
          <legend>
            {section.name} · {formatMoney(section.price_cents, currency)}
          </legend>
          {rows.map(([row, rowSeats]) => (
            <div key={row} className="seat-list__row">
              <span className="seat-list__row-label">Row {row}</span>
              <div className="seat-list__seats">
                {rowSeats.map((seat) => (
                  <label key={seat.seat_id} className="seat-list__seat">
                    <input
                      type="checkbox"
                      checked={selectedIds.has(seat.seat_id)}
                      onChange={() => onToggle(seat)}
                      aria-label={seatAriaLabel(seat, section, currency)}
                    />
                    <span aria-hidden="true">
                      {seat.seat_number}
                      {seat.accessible && ' ♿'}
                    </span>
                  </label>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      ))}
    </details>
  );
}
