import { formatMoney } from '@/lib/format';
import type { Section } from '@/types/api';

import { priceCategories } from '../utils/seats';

import { SeatShape } from './seat-map';

function Swatch(props: Parameters<typeof SeatShape>[0]) {
  return (
    <svg
      className="legend__swatch"
      viewBox="-0.5 -0.5 1 1"
      aria-hidden="true"
      focusable="false"
    >
      <SeatShape {...props} />
    </svg>
  );
}

const plain = {
  accessible: false,
  companion: false,
  status: 'available',
} as const;

export function SeatLegend({
  sections,
  currency,
  readOnly = false,
}: {
  sections: Section[];
  currency: string;
  readOnly?: boolean;
}) {
  const categories = priceCategories(sections);

  return (
    <div className="legend" aria-label="Seat map legend" role="group">
      <ul className="legend__list">
        {categories.map((category) => (
          <li key={category.priceCents} className="legend__item">
            <Swatch seat={plain} color={category.color} selected={false} />
            <span>
              <strong>{formatMoney(category.priceCents, currency)}</strong>{' '}
              <span className="muted">
                {category.sections.map((section) => section.name).join(', ')}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <ul className="legend__list legend__list--states">
        {!readOnly && (
          <li className="legend__item">
            <Swatch seat={plain} color="" selected />
            Your selection
          </li>
        )}
        <li className="legend__item">
          <Swatch
            seat={{ ...plain, status: 'booked' }}
            color=""
            selected={false}
          />
          Booked
        </li>
        <li className="legend__item">
          <Swatch
            seat={{ ...plain, status: 'held' }}
            color=""
            selected={false}
          />
          Held by someone else
        </li>
        <li className="legend__item">
          <Swatch
            seat={{ ...plain, accessible: true }}
            color="var(--ink-600)"
            selected={false}
          />
          Wheelchair space
        </li>
        <li className="legend__item">
          <Swatch
            seat={{ ...plain, companion: true }}
            color="var(--ink-600)"
            selected={false}
          />
          Companion seat
        </li>
      </ul>
    </div>
  );
}
