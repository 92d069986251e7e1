import { Button } from '@/components/ui/button';
import { formatMoney, plural } from '@/lib/format';
import type { Seat, Section } from '@/types/api';

import { MAX_SEATS, seatName } from '../utils/seats';

type Props = {
  selected: Seat[];
  sectionsById: Map<number, Section>;
  currency: string;
  busy: boolean;
  disabled?: boolean;
  onRemove: (seat: Seat) => void;
  onClear: () => void;
  onBook: () => void;
};

export function selectionTotal(
  selected: Seat[],
  sectionsById: Map<number, Section>,
): number {
  return selected.reduce(
    (sum, seat) => sum + (sectionsById.get(seat.section_id)?.price_cents ?? 0),
    0,
  );
}

/** What a seat is kept for, said beside it: the map shows a wheelchair
 * space or a companion seat by its shape, which a picked seat's tick hides. */
function seatKind(seat: Seat): string | null {
  if (seat.accessible) return 'wheelchair space';
  if (seat.companion) return 'companion seat';

  return null;
}

export function SelectionSummary({
  selected,
  sectionsById,
  currency,
  busy,
  disabled = false,
  onRemove,
  onClear,
  onBook,
}: Props) {
  const total = selectionTotal(selected, sectionsById);

  return (
    <section className="summary" aria-labelledby="summary-title">
      <div className="summary__head">
        <h2 id="summary-title" className="summary__title">
          Your seats
        </h2>
        <span className="muted" aria-live="polite">
          {selected.length} of {MAX_SEATS}
        </span>
      </div>
      {selected.length === 0 ? (
        <p className="summary__empty">
          Pick up to {MAX_SEATS} seats on the map, one at a time.
        </p>
      ) : (
        <ul className="summary__list">
          {selected.map((seat) => {
            const section = sectionsById.get(seat.section_id);

            return (
              <li key={seat.seat_id} className="summary__item">
                <span>
                  {seatName(seat, section)}
                  {seatKind(seat) && (
                    <span className="muted"> · {seatKind(seat)}</span>
                  )}
                </span>
                <span className="summary__price">
                  {section ? formatMoney(section.price_cents, currency) : '–'}
                </span>
                <button
                  type="button"
                  className="summary__remove"
                  onClick={() => onRemove(seat)}
                  aria-label={`Remove ${seatName(seat, section)}`}
                  disabled={busy}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="summary__total">
        <span>Total</span>
        <strong data-testid="selection-total">
          {formatMoney(total, currency)}
        </strong>
      </div>
      <div className="summary__actions">
        <Button
          className="btn--block"
          onClick={onBook}
          busy={busy}
          disabled={disabled || selected.length === 0}
        >
          {selected.length === 0
            ? 'Book seats'
            : `Book ${plural(selected.length, 'seat')}`}
        </Button>
        {selected.length > 0 && (
          <Button variant="ghost" size="sm" onClick={onClear} disabled={busy}>
            Clear selection
          </Button>
        )}
      </div>
    </section>
  );
}
