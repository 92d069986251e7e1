import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/lib/format';
import type { Seat, Section } from '@/types/api';

import { sectionColors } from '../utils/seats';

import { isFewLeft } from './seats-left';

export function SectionAvailability({
  sections,
  currency,
  seats = [],
}: {
  sections: Section[];
  currency: string;
  /** The live plan: a section whose last seats are only held is not sold out. */
  seats?: Seat[];
}) {
  const colors = sectionColors(sections);
  const notBooked = new Set(
    seats
      .filter((seat) => seat.status !== 'booked')
      .map((seat) => seat.section_id),
  );

  return (
    <ul className="availability">
      {sections.map((section) => {
        const share =
          section.capacity > 0 ? section.available / section.capacity : 0;

        return (
          <li key={section.section_id} className="availability__item">
            <div className="availability__line">
              <span className="availability__name">
                <span
                  className="dot"
                  style={{ background: colors.get(section.section_id) }}
                  aria-hidden="true"
                />
                {section.name}
              </span>
              <span className="availability__price">
                {formatMoney(section.price_cents, currency)}
              </span>
            </div>
            <div className="availability__line">
              <span className="meter meter--wide" aria-hidden="true">
                <span
                  className="meter__fill"
                  style={{ width: `${Math.round(share * 100)}%` }}
                />
              </span>
              <span className="availability__count">
                {section.available === 0 ? (
                  <NoneFree held={notBooked.has(section.section_id)} />
                ) : (
                  <>
                    {isFewLeft(section.available, section.capacity) && (
                      <Badge tone="warning">Few left</Badge>
                    )}{' '}
                    <strong>{section.available}</strong>
                    <span className="muted">
                      {' '}
                      / {section.capacity} available
                    </span>
                  </>
                )}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A section with no seat to buy: sold out, or only held for now. */
function NoneFree({ held }: { held: boolean }) {
  return held ? (
    <Badge tone="warning">Held for now</Badge>
  ) : (
    <Badge tone="danger">Sold out</Badge>
  );
}
