import { useEffect, useMemo, useRef, useState } from 'react';

import { Notice } from '@/components/ui/notice';
import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-messages';
import { formatMoney, plural } from '@/lib/format';
import type { PerformanceDetail, Seat } from '@/types/api';

import { holdSeats, type BestSeats } from '../api/holds';
import { useSeatSelection } from '../hooks/use-seat-selection';
import { MAX_SEATS, seatName } from '../utils/seats';

import { BestSeatsFinder } from './best-seats';
import { HoldCountdown } from './hold-countdown';
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
  /**
   * For a logged-in user: the selection is held on the server, so others
   * see it as held, and the best-seats finder is offered.
   */
  holding?: {
    /** Seats the server says the user holds now. */
    heldIds: number[];
    secondsLeft: number | null;
    /** When the answer with secondsLeft arrived (ms since epoch). */
    receivedAt: number;
    /** Reads the seat map and the holds again. */
    onChanged: () => void;
  };
};

// Errors that name seats someone else has, which leave the selection.
const SEATS_GONE = new Set(['seat_taken', 'seat_held', 'hold_lost']);

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
  holding,
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

  // The server's holds are the selection of a logged-in user. Hold requests
  // go one at a time, each with the latest selection, so quick clicks can
  // never reach the server out of order.
  const heldKey = holding?.heldIds.join(',');
  const { replace } = selection;
  const pendingHolds = useRef<number[] | null>(null);
  const sendingHolds = useRef(false);

  useEffect(() => {
    if (heldKey === undefined || sendingHolds.current) return;

    replace(heldKey ? heldKey.split(',').map(Number) : []);
  }, [heldKey, replace]);

  async function syncHolds(ids: number[], previous: number[]) {
    if (!holding) return;

    pendingHolds.current = ids;
    if (sendingHolds.current) return;

    sendingHolds.current = true;
    try {
      while (pendingHolds.current) {
        const next = pendingHolds.current;

        pendingHolds.current = null;
        try {
          await holdSeats(performance.performance_id, next);
        } catch (error) {
          if (error instanceof ApiError && SEATS_GONE.has(error.code)) {
            selection.remove(error.seatIds);
            if (error.code !== 'seat_held') onSeatsTaken(error.seatIds);
          } else {
            selection.replace(previous);
          }
          setMessage({ tone: 'error', text: errorMessage(error) });
        }
      }
    } finally {
      sendingHolds.current = false;
      holding.onChanged();
    }
  }

  function handleBestSeats(result: BestSeats) {
    const names = result.seats.map((seat) => {
      const section = sectionsById.get(seat.section_id);

      return `${section ? `${section.name} ` : ''}${seat.row_label}-${seat.seat_number}`;
    });

    const found = new Set(result.seats.map((seat) => seat.seat_id));
    // The server's holds replace the user's own picks: say so.
    const letGo = selection.selectedIds.filter((id) => !found.has(id)).length;

    selection.replace(result.seats.map((seat) => seat.seat_id));
    setMessage({
      tone: 'info',
      text:
        `${result.together ? 'Found' : 'Holding'} ${plural(
          result.seats.length,
          'seat',
        )}${result.together && result.seats.length > 1 ? ' together' : ''}: ${joinNames(names)}. ` +
        (result.seats.length > 1
          ? 'They are held for you; book them before the time runs out.'
          : 'It is held for you; book it before the time runs out.') +
        (letGo === 1
          ? ' The seat you had chosen before is free again.'
          : letGo > 1
            ? ` The ${letGo} seats you had chosen before are free again.`
            : ''),
    });
    holding?.onChanged();
  }

  function handleClear() {
    const previous = selection.selectedIds;

    selection.clear();
    void syncHolds([], previous);
  }

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

    const previous = selection.selectedIds;
    const ids =
      result === 'selected'
        ? [...previous, seat.seat_id]
        : previous.filter((id) => id !== seat.seat_id);

    void syncHolds(ids, previous);

    const count = ids.length;
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
      if (error instanceof ApiError && SEATS_GONE.has(error.code)) {
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
                } just been ${
                  error.code === 'seat_held' ? 'taken' : 'booked'
                } by someone else. `
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
        {holding && !readOnly && (
          <BestSeatsFinder
            performanceId={performance.performance_id}
            sections={sections}
            onHeld={handleBestSeats}
          />
        )}
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
          {holding &&
            holding.secondsLeft !== null &&
            selection.selectedIds.length > 0 && (
              <HoldCountdown
                secondsLeft={holding.secondsLeft}
                receivedAt={holding.receivedAt}
                onExpired={holding.onChanged}
              />
            )}
          <SelectionSummary
            selected={selection.selected}
            sectionsById={sectionsById}
            currency={currency}
            busy={busy}
            onRemove={handleToggle}
            onClear={handleClear}
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
