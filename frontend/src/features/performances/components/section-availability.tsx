import { formatMoney } from '@/lib/format';
import type { Section } from '@/types/api';

import { sectionColors } from '../utils/seats';

import { SeatsLeft } from './seats-left';

export function SectionAvailability({
  sections,
  currency,
}: {
  sections: Section[];
  currency: string;
}) {
  const colors = sectionColors(sections);

  return (
    <table className="data-table data-table--compact">
      <caption className="visually-hidden">Availability by section</caption>
      <thead>
        <tr>
          <th scope="col">Section</th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col">Available</th>
        </tr>
      </thead>
      <tbody>
        {sections.map((section) => (
          <tr key={section.section_id}>
            <th scope="row">
              <span
                className="dot"
                style={{ background: colors.get(section.section_id) }}
                aria-hidden="true"
              />
              {section.name}
            </th>
            <td className="num">
              {formatMoney(section.price_cents, currency)}
            </td>
            <td>
              <SeatsLeft
                available={section.available}
                capacity={section.capacity}
              />
              <span className="muted small"> / {section.capacity}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
