import { useId } from 'react';

import '../patterns.css';

export type Bar = { label: string; value: number };

type Props = {
  title: string;
  bars: Bar[];
  /** What the values count, for the axis and the table: "tickets". */
  unit: string;
  tone: 'mine' | 'everyone';
};

const WIDTH = 480;
const HEIGHT = 220;
const LEFT = 54;
// Rough width of one character of a tick label, in viewBox units.
const CHAR_WIDTH = 6.5;
const BOTTOM = 48;
const TOP = 12;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayLabel = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** A short label under a bar: "5 Nov" for a day, else the label itself. */
function shortLabel(label: string): string {
  return DAY.test(label)
    ? dayLabel.format(new Date(`${label}T00:00:00Z`))
    : label;
}

function niceMax(value: number): number {
  if (value <= 4) return 4;

  const step = 10 ** Math.floor(Math.log10(value));

  return Math.ceil(value / step) * step;
}

/**
 * A hand-drawn SVG bar chart with a labelled value axis, and the same
 * numbers as a table for screen readers and for anyone who prefers one.
 */
export function BarChart({ title, bars, unit, tone }: Props) {
  const id = useId();
  const max = niceMax(Math.max(0, ...bars.map((bar) => bar.value)));
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, bars.length);
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  // Many bars (a month of days) get every few labels, as many as fit
  // side by side without touching.
  const widest = Math.max(
    1,
    ...bars.map((bar) => shortLabel(bar.label).length),
  );
  const labelEvery = Math.max(1, Math.ceil((widest * CHAR_WIDTH + 6) / slot));

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      <svg
        className={`chart__svg chart__svg--${tone}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${title}: bar chart of ${unit}; the table below has the numbers.`}
      >
        {ticks.map((tick) => {
          const y = TOP + plotHeight - (tick / max) * plotHeight;

          return (
            <g key={tick}>
              <line
                x1={LEFT}
                x2={WIDTH - 8}
                y1={y}
                y2={y}
                className="chart__grid"
              />
              <text
                x={LEFT - 6}
                y={y + 4}
                textAnchor="end"
                className="chart__tick"
              >
                {Number.isInteger(tick) ? tick : tick.toFixed(1)}
              </text>
            </g>
          );
        })}
        <text
          x={10}
          y={TOP + plotHeight / 2}
          transform={`rotate(-90 10 ${TOP + plotHeight / 2})`}
          textAnchor="middle"
          className="chart__axis-label"
        >
          {unit}
        </text>
        {bars.map((bar, index) => {
          const height = (bar.value / max) * plotHeight;
          const x = LEFT + index * slot + slot * 0.15;

          return (
            <g key={bar.label}>
              <rect
                x={x}
                y={TOP + plotHeight - height}
                width={slot * 0.7}
                height={height}
                className="chart__bar"
              >
                <title>{`${bar.label}: ${bar.value} ${unit}`}</title>
              </rect>
              {index % labelEvery === 0 && (
                <text
                  x={x + slot * 0.35}
                  y={HEIGHT - BOTTOM + 16}
                  textAnchor="middle"
                  className="chart__tick"
                >
                  {shortLabel(bar.label)}
                </text>
              )}
            </g>
          );
        })}
        <line
          x1={LEFT}
          x2={WIDTH - 8}
          y1={TOP + plotHeight}
          y2={TOP + plotHeight}
          className="chart__axis"
        />
      </svg>
      <details className="chart__table">
        <summary>Show the numbers as a table</summary>
        <table className="data-table data-table--compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">When / what</th>
              <th scope="col" className="num">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td className="num">{bar.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
