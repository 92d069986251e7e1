import { render, screen, within } from '@testing-library/react';

import { BarChart } from './bar-chart';

test('a chart draws one bar per bucket and lists the numbers in a table', () => {
  render(
    <BarChart
      title="My tickets by genre"
      unit="tickets"
      tone="mine"
      bars={[
        { label: 'Drama', value: 3 },
        { label: 'Opera', value: 8 },
      ]}
    />,
  );

  const figure = screen.getByRole('figure', { name: 'My tickets by genre' });
  const bars = figure.querySelectorAll('rect');
  const table = within(figure).getByRole('table');

  expect(bars).toHaveLength(2);
  expect(Number(bars[1]!.getAttribute('height'))).toBeGreaterThan(
    Number(bars[0]!.getAttribute('height')),
  );
  expect(
    within(table).getByRole('row', { name: 'Opera 8' }),
  ).toBeInTheDocument();
  expect(screen.getByRole('img')).toHaveAccessibleName(/bar chart of tickets/);
});

test('the value axis is labelled with the unit and starts at zero', () => {
  render(
    <BarChart title="Everyone" unit="bookings" tone="everyone" bars={[]} />,
  );

  const svg = screen.getByRole('img');

  expect(
    within(svg as unknown as HTMLElement).getByText('bookings'),
  ).toBeTruthy();
  expect(within(svg as unknown as HTMLElement).getByText('0')).toBeTruthy();
});

test('a month of days is labelled with short dates that do not overlap', () => {
  const bars = Array.from({ length: 30 }, (_, index) => ({
    label: `2026-11-${String(index + 1).padStart(2, '0')}`,
    value: index,
  }));

  render(
    <BarChart title="Per day" unit="bookings" tone="everyone" bars={bars} />,
  );

  const labels = [...document.querySelectorAll('svg text.chart__tick')]
    .map((text) => text.textContent)
    .filter((text) => /Nov/.test(text ?? ''));

  expect(labels[0]).toBe('1 Nov');
  expect(labels.length).toBeGreaterThan(3);
  expect(labels.length).toBeLessThan(12);
});
