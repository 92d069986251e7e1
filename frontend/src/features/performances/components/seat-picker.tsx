import { useEffect, useMemo, useState } from 'react';

import { Notice } from '@/components/ui/notice';
import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-messages';
import { formatMoney, plural } from '@/lib/format';
import type { PerformanceDetail, Seat } from '@/types/api';

import { useSeatSelection } from '../hooks/use-seat-selection';
import { MAX_SEATS, seatName } from '../utils/seats';

import { SeatLegend } from './seat-legend';
import { SeatList } from './seat-list';
import { SeatMap } from './seat-map';
import { SelectionSummary, selectionTotal } from './selection-summary';

type Props = {
  performance: PerformanceDetail;
  seats: Seat[];
  /** Books the seats; throws an ApiError when the API says no. */
  onBook: (seatIds: number[]) => Promise<void>;
  /** Tells the data source which seats the server says are taken. */
  onSeatsTaken: (seatIds: number[]) => void;
};

type Message = { tone: 'warning' | 'error' | 'info'; text: string };

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');

  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function SeatPicker({
  performance,
  seats,
  onBook,
  onSeatsTaken,
}: Props) {
  const { sections, currency } = performance;
  const readOnly = !performance.on_sale;
  const selection = useSeatSelection(seats);
  const [message, setMessage] = useState<Message>();
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);

  const sectionsById = useMemo(
    () => new Map(sections.map((section) => [section.section_id, section])),
    [sections],
  );
  const selectedIds = useMemo(
    () => new Set(selection.selectedIds),
    [selection.selectedIds],
  );
  const seatsById = useMemo(
    () => new Map(seats.map((seat) => [seat.seat_id, seat])),
    [seats],
  );

  const describe = (seat: Seat) =>
    seatName(seat, sectionsById.get(seat.section_id));

  // A refresh showed that someone else booked seats we had selected.
  const { lost, dismissLost } = selection;

  useEffect(() => {
    if (lost.length === 0) return;

    const names = lost.map((seat) =>
      seatName(seat, sectionsById.get(seat.section_id)),
    );

    setMessage({
      tone: 'warning',
      text:
        `${joinNames(names)} ${lost.length === 1 ? 'was' : 'were'} just ` +
        'booked by someone else, so we removed ' +
        `${lost.length === 1 ? 'it' : 'them'} from your selection.`,
    });
    dismissLost();
  }, [lost, dismissLost, sectionsById]);

  function handleToggle(seat: Seat) {
    if (readOnly || busy) return;

    const result = selection.toggle(seat);

    if (result === 'limit') {
      setMessage({
        tone: 'warning',
        text:
          `You can book up to ${MAX_SEATS} seats at a time. Remove a seat ` +
          'from your selection to choose a different one.',
      });
      setAnnouncement(`Limit of ${MAX_SEATS} seats reached.`);
      return;
    }

    if (result === 'unavailable') {
      setAnnouncement(`${describe(seat)} is already booked.`);
      return;
    }

    const count =
      selection.selectedIds.length + (result === 'selected' ? 1 : -1);
    const others =
      result === 'selected'
        ? [...selection.selected, seat]
        : selection.selected.filter((item) => item.seat_id !== seat.seat_id);

    if (message?.tone === 'warning') setMessage(undefined);

    setAnnouncement(
      `${result === 'selected' ? 'Selected' : 'Removed'} ${describe(seat)}. ` +
        `${plural(count, 'seat')} selected, total ${formatMoney(
          selectionTotal(others, sectionsById),
          currency,
        )}.`,
    );
  }

  async function handleBook() {
    if (selection.selectedIds.length === 0) return;

    setBusy(true);
    setMessage(undefined);

    try {
      await onBook(selection.selectedIds);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'seat_taken') {
        const ids = error.seatIds;
        const names = ids
          .map((id) => seatsById.get(id))
          .filter((seat): seat is Seat => seat !== undefined)
          .map(describe);
        const remaining = selection.selectedIds.filter(
          (id) => !ids.includes(id),
        ).length;

        selection.remove(ids);
        onSeatsTaken(ids);
        setMessage({
          tone: 'error',
          text:
            (names.length > 0
              ? `Sorry, ${joinNames(names)} ${
                  names.length === 1 ? 'has' : 'have'
                } just been booked by someone else. `
              : `${errorMessage(error)} `) +
            'Nothing was booked. We marked the taken seats on the map' +
            (remaining > 0
              ? ` and kept your other ${plural(remaining, 'seat')} selected.`
              : '; please choose other seats.'),
        });
      } else {
        setMessage({ tone: 'error', text: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={`picker${readOnly ? ' picker--readonly' : ''}`}>
      <div className="picker__map">
        <SeatLegend
          sections={sections}
          currency={currency}
          readOnly={readOnly}
        />
        {message && (
          <Notice tone={message.tone} onDismiss={() => setMessage(undefined)}>
            {message.text}
          </Notice>
        )}
        <SeatMap
          seats={seats}
          sections={sections}
          currency={currency}
          selectedIds={selectedIds}
          onToggle={handleToggle}
          readOnly={readOnly}
        />
        {!readOnly && (
          <SeatList
            seats={seats}
            sections={sections}
            currency={currency}
            selectedIds={selectedIds}
            onToggle={handleToggle}
          />
        )}
      </div>
      {!readOnly && (
        <aside className="picker__summary">
          <SelectionSummary
            selected={selection.selected}
            sectionsById={sectionsById}
            currency={currency}
            busy={busy}
            onRemove={handleToggle}
            onClear={selection.clear}
            onBook={handleBook}
          />
        </aside>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
