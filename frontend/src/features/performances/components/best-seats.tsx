import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Select } from '@/components/ui/select';
import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-messages';
import type { Section } from '@/types/api';

import { findBestSeats, type BestSeats } from '../api/holds';
import { MAX_SEATS } from '../utils/seats';

type Props = {
  performanceId: number;
  sections: Section[];
  /** The seats are held now; show them as the selection. */
  onHeld: (result: BestSeats) => void;
};

/**
 * With no wheelchair space free where the user looked, fewer seats would
 * not help: say so instead of the general advice, and point to another
 * section only when one has a space free.
 */
function noSpaceMessage(
  caught: unknown,
  sectionId: string,
): Record<string, string> {
  if (
    !(caught instanceof ApiError) ||
    caught.details.wheelchair_spaces_free !== 0
  ) {
    return {};
  }

  const elsewhere = Number(caught.details.wheelchair_spaces_free_elsewhere);

  return {
    no_accessible_seats:
      sectionId && elsewhere > 0
        ? 'No wheelchair space is free in this section. Try another section.'
        : 'No wheelchair space is free at this performance.',
  };
}

/** How many seats are left, when the server says there are too few. */
function seatsLeftMessage(
  caught: unknown,
  sectionId: string,
): Record<string, string> {
  if (!(caught instanceof ApiError)) return {};

  const left = caught.details.available;

  if (typeof left !== 'number') return {};

  const where = sectionId ? ' in this section' : '';

  return {
    not_enough_seats:
      left === 0
        ? `No seats are free${where} right now.`
        : `Only ${left} ${left === 1 ? 'seat is' : 'seats are'} free${where} right now.`,
  };
}

/**
 * "Find me N seats together": one click asks the server for the best
 * seats and holds them. When no group fits, the best split is offered and
 * held only if the user accepts it.
 */
export function BestSeatsFinder({ performanceId, sections, onHeld }: Props) {
  const [count, setCount] = useState(2);
  const [sectionId, setSectionId] = useState('');
  const [accessible, setAccessible] = useState(false);
  const [busy, setBusy] = useState(false);
  const [offer, setOffer] = useState<number[]>();
  const [error, setError] = useState<string>();

  async function find(acceptSplit: boolean) {
    setBusy(true);
    setError(undefined);

    try {
      const result = await findBestSeats(performanceId, {
        count,
        section_id: sectionId ? Number(sectionId) : undefined,
        accessible,
        accept_split: acceptSplit,
      });

      setOffer(undefined);
      onHeld(result);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'no_adjacent_seats') {
        setOffer(caught.seatIds);
      } else {
        setOffer(undefined);
        setError(
          errorMessage(caught, {
            ...seatsLeftMessage(caught, sectionId),
            ...noSpaceMessage(caught, sectionId),
          }),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void find(false);
  }

  return (
    <div className="stack">
      <form className="best-seats" onSubmit={submit}>
        <Select
          label="Seats"
          value={count}
          onChange={(event) => setCount(Number(event.target.value))}
        >
          {Array.from({ length: MAX_SEATS }, (_, index) => index + 1).map(
            (value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ),
          )}
        </Select>
        <Select
          label="Section"
          value={sectionId}
          onChange={(event) => setSectionId(event.target.value)}
        >
          <option value="">Best available</option>
          {sections.map((section) => (
            <option key={section.section_id} value={section.section_id}>
              {section.name}
            </option>
          ))}
        </Select>
        <label className="field">
          <span className="field__label">Wheelchair space</span>
          <input
            type="checkbox"
            checked={accessible}
            onChange={(event) => setAccessible(event.target.checked)}
          />
        </label>
        <Button type="submit" busy={busy}>
          Find {count} {count === 1 ? 'seat' : 'seats together'}
        </Button>
      </form>
      {offer && (
        <Notice tone="warning" onDismiss={() => setOffer(undefined)}>
          There are not {count} seats together right now. The best we can do is{' '}
          {offer.length} seats in smaller groups.{' '}
          <Button
            size="sm"
            variant="secondary"
            busy={busy}
            onClick={() => void find(true)}
          >
            Hold these seats
          </Button>
        </Notice>
      )}
      {error && (
        <Notice tone="error" onDismiss={() => setError(undefined)}>
          {error}
        </Notice>
      )}
    </div>
  );
}
