import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

import { formatMoney } from '@/lib/format';
import type { Seat, Section } from '@/types/api';

import {
  inReadingOrder,
  neighbour,
  rowKey,
  seatAriaLabel,
  seatName,
  sectionColors,
  type Direction,
} from '../utils/seats';

const SEAT_RADIUS = 0.4;
const ZOOM_STEPS = [1, 1.5, 2, 3, 4];
// The distance between seat centres we aim for on a touch screen.
const MIN_TAP_PX = 20;

type Props = {
  seats: Seat[];
  sections: Section[];
  currency: string;
  selectedIds: ReadonlySet<number>;
  onToggle: (seat: Seat) => void;
  readOnly?: boolean;
};

const ARROWS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** The white wheelchair symbol drawn on accessible seats (unit size). */
function WheelchairGlyph() {
  return (
    <g
      className="seat__glyph"
      fill="none"
      stroke="currentColor"
      strokeWidth={0.07}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <circle
        cx={-0.02}
        cy={-0.25}
        r={0.06}
        fill="currentColor"
        stroke="none"
      />
      <path d="M-0.06 -0.14 V0.04 H0.12 L0.2 0.22" />
      <path d="M-0.13 -0.02 A0.17 0.17 0 1 0 0.1 0.18" />
    </g>
  );
}

function CheckGlyph() {
  return (
    <path
      className="seat__glyph"
      d="M-0.18 0 L-0.05 0.14 L0.2 -0.14"
      fill="none"
      stroke="currentColor"
      strokeWidth={0.09}
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  );
}

export function SeatShape({
  seat,
  color,
  selected,
}: {
  seat: Pick<Seat, 'accessible' | 'companion' | 'status'>;
  color: string;
  selected: boolean;
}): ReactNode {
  // Seats someone else holds are out of reach like booked ones.
  const booked = seat.status !== 'available' && !selected;
  const fill = selected
    ? 'var(--seat-selected)'
    : seat.status === 'held'
      ? 'var(--seat-held)'
      : booked
        ? 'var(--seat-booked)'
        : color;
  const r = SEAT_RADIUS;

  return (
    <>
      {seat.accessible ? (
        <rect
          className="seat__shape"
          x={-r}
          y={-r}
          width={r * 2}
          height={r * 2}
          rx={0.1}
          fill={fill}
        />
      ) : (
        <circle className="seat__shape" r={r} fill={fill} />
      )}
      {seat.companion && !selected && (
        <circle
          r={r - 0.1}
          fill="none"
          stroke={booked ? 'var(--seat-booked-ink)' : 'white'}
          strokeWidth={0.06}
          strokeDasharray="0.12 0.08"
        />
      )}
      {selected ? (
        <g color="var(--seat-selected-ink)">
          <CheckGlyph />
        </g>
      ) : (
        seat.accessible && (
          <g color={booked ? 'var(--seat-booked-ink)' : 'white'}>
            <WheelchairGlyph />
          </g>
        )
      )}
    </>
  );
}

/** A label beside its row ends toward the row; one above or below it is centred. */
function labelAnchor(across: boolean, dx: number): 'middle' | 'end' | 'start' {
  if (!across) return 'middle';

  return dx > 0 ? 'end' : 'start';
}

export function SeatMap({
  seats,
  sections,
  currency,
  selectedIds,
  onToggle,
  readOnly = false,
}: Props) {
  const titleId = useId();
  const hintId = useId();
  const colors = useMemo(() => sectionColors(sections), [sections]);
  const sectionsById = useMemo(
    () => new Map(sections.map((section) => [section.section_id, section])),
    [sections],
  );
  const ordered = useMemo(() => inReadingOrder(seats), [seats]);
  const [focusId, setFocusId] = useState<number>();
  const [pointed, setPointed] = useState<Seat>();
  const [zoomIndex, setZoomIndex] = useState(0);
  const seatRefs = useRef(new Map<number, SVGGElement>());
  const viewportRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const viewport = viewportRef.current;

    if (viewport && zoomIndex > 0) {
      viewport.scrollLeft = (viewport.scrollWidth - viewport.clientWidth) / 2;
    }
  }, [zoomIndex]);

  const tabStop =
    ordered.find((seat) => seat.seat_id === focusId)?.seat_id ??
    ordered.find((seat) => seat.status === 'available')?.seat_id ??
    ordered[0]?.seat_id;

  const layout = useMemo(() => {
    if (seats.length === 0) return null;

    const xs = seats.map((seat) => seat.x);
    const ys = seats.map((seat) => seat.y);
    const minX = Math.min(...xs);
    const maxX = Math.max(...xs);
    const minY = Math.min(...ys);
    const maxY = Math.max(...ys);
    const span = Math.max(maxX, -minX) * 2;
    const stageWidth = Math.max(6, (maxX - minX) * 0.6);
    // A big house is drawn smaller, so its stage gets taller lettering.
    const stageHeight = Math.min(4, Math.max(1.5, span * 0.04));
    const stageTop = minY - stageHeight - 1.7;
    const left = Math.min(minX, -stageWidth / 2) - 2;
    const right = Math.max(maxX, stageWidth / 2) + 2;

    // One label per row of a section, set before its first seat (the
    // lowest number) along the row, so a curved row, or one that runs
    // down the side of the house, is labelled once and clear of the rows
    // beside it. A label left or right of its row grows away from it.
    const ends = new Map<string, { first: Seat; second?: Seat }>();

    for (const seat of seats) {
      const key = rowKey(seat);
      const row = ends.get(key);

      if (!row || seat.seat_number < row.first.seat_number) {
        ends.set(key, { first: seat, second: row?.first });
      } else if (!row.second || seat.seat_number < row.second.seat_number) {
        row.second = seat;
      }
    }

    const rows = [...ends.entries()].map(([key, { first, second }]) => {
      const dx = second ? second.x - first.x : 1;
      const dy = second ? second.y - first.y : 0;
      const length = Math.hypot(dx, dy) || 1;
      const across = Math.abs(dx) >= Math.abs(dy);
      const gap = across ? 0.65 : 0.85;

      return {
        key,
        label: first.row_label,
        x: first.x - (dx / length) * gap,
        y: first.y - (dy / length) * gap,
        anchor: labelAnchor(across, dx),
      };
    });

    return {
      width: right - left,
      viewBox: `${left} ${stageTop - 0.6} ${right - left} ${
        maxY - stageTop + 1.8
      }`,
      stage: {
        x: -stageWidth / 2,
        y: stageTop,
        width: stageWidth,
        height: stageHeight,
      },
      rows,
    };
  }, [seats]);

  // On a phone a big house is too small to tap: start zoomed in far enough
  // for comfortable seats, centred, and let the user pan or zoom out.
  const layoutWidth = layout?.width;

  useEffect(() => {
    const width = viewportRef.current?.clientWidth ?? 0;

    if (!layoutWidth || width === 0 || width >= 560) return;

    const pitch = width / layoutWidth;
    const step = ZOOM_STEPS.findIndex((zoom) => pitch * zoom >= MIN_TAP_PX);

    setZoomIndex(step === -1 ? ZOOM_STEPS.length - 1 : step);
  }, [layoutWidth]);

  function moveFocus(seat: Seat | undefined) {
    if (!seat) return;

    setFocusId(seat.seat_id);
    seatRefs.current.get(seat.seat_id)?.focus();
  }

  function handleKeyDown(event: KeyboardEvent, seat: Seat) {
    const direction = ARROWS[event.key];

    if (direction) {
      event.preventDefault();
      moveFocus(neighbour(ordered, seat, direction));
      return;
    }

    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();

      const row = ordered.filter((other) => rowKey(other) === rowKey(seat));

      moveFocus(event.key === 'Home' ? row[0] : row[row.length - 1]);
      return;
    }

    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onToggle(seat);
    }
  }

  if (!layout) {
    return <p className="muted">This venue has no seat plan yet.</p>;
  }

  const zoom = ZOOM_STEPS[zoomIndex]!;
  const pointedSection = pointed && sectionsById.get(pointed.section_id);

  return (
    <div className="seat-map">
      <div className="seat-map__toolbar">
        <p className="seat-map__hint" id={hintId}>
          {readOnly
            ? 'Seat plan for reference only.'
            : 'Tap or click seats to choose them. Keyboard: arrow keys move, Enter or Space selects.'}
        </p>
        <div className="seat-map__zoom" role="group" aria-label="Zoom">
          <button
            type="button"
            className="btn btn--secondary btn--sm btn--icon"
            onClick={() => setZoomIndex((index) => Math.max(0, index - 1))}
            disabled={zoomIndex === 0}
            aria-label="Zoom out"
          >
            −
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--sm btn--icon"
            onClick={() =>
              setZoomIndex((index) =>
                Math.min(ZOOM_STEPS.length - 1, index + 1),
              )
            }
            disabled={zoomIndex === ZOOM_STEPS.length - 1}
            aria-label="Zoom in"
          >
            +
          </button>
        </div>
      </div>
      <div
        ref={viewportRef}
        className={`seat-map__viewport${
          zoomIndex > 0 ? ' seat-map__viewport--zoomed' : ''
        }`}
      >
        <svg
          className="seat-map__svg"
          viewBox={layout.viewBox}
          style={{ width: `${zoom * 100}%` }}
          role={readOnly ? 'img' : 'group'}
          aria-labelledby={titleId}
          aria-describedby={hintId}
        >
          <title id={titleId}>
            {readOnly ? 'Seat map (view only)' : 'Seat map'}
          </title>
          <g className="seat-map__stage" aria-hidden="true">
            <rect
              x={layout.stage.x}
              y={layout.stage.y}
              width={layout.stage.width}
              height={layout.stage.height}
              rx={layout.stage.height / 5}
            />
            <text
              x={0}
              y={layout.stage.y + layout.stage.height * 0.68}
              textAnchor="middle"
              fontSize={layout.stage.height * 0.53}
              letterSpacing={layout.stage.height * 0.13}
            >
              Stage
            </text>
          </g>
          <g className="seat-map__rows" aria-hidden="true">
            {layout.rows.map((row) => (
              <text
                key={row.key}
                x={row.x}
                y={row.y + 0.2}
                textAnchor={row.anchor}
              >
                {row.label}
              </text>
            ))}
          </g>
          {ordered.map((seat) => {
            const selected = selectedIds.has(seat.seat_id);
            const booked = seat.status !== 'available';
            const section = sectionsById.get(seat.section_id);
            const state = selected ? 'selected' : seat.status;
            const interactive = !readOnly;

            return (
              <g
                key={seat.seat_id}
                ref={(node) => {
                  if (node) seatRefs.current.set(seat.seat_id, node);
                  else seatRefs.current.delete(seat.seat_id);
                }}
                className={`seat seat--${state}${readOnly ? ' seat--readonly' : ''}`}
                transform={`translate(${seat.x} ${seat.y})`}
                data-seat-id={seat.seat_id}
                role={interactive ? 'checkbox' : undefined}
                aria-checked={interactive ? selected : undefined}
                aria-disabled={
                  interactive && booked && !selected ? true : undefined
                }
                aria-label={
                  interactive
                    ? seatAriaLabel(seat, section, currency)
                    : undefined
                }
                tabIndex={
                  interactive ? (seat.seat_id === tabStop ? 0 : -1) : undefined
                }
                onClick={interactive ? () => onToggle(seat) : undefined}
                onKeyDown={
                  interactive
                    ? (event) => handleKeyDown(event, seat)
                    : undefined
                }
                onFocus={() => {
                  setFocusId(seat.seat_id);
                  setPointed(seat);
                }}
                onMouseEnter={() => setPointed(seat)}
                onMouseLeave={() => setPointed(undefined)}
              >
                <circle className="seat__focus" r={SEAT_RADIUS + 0.14} />
                <SeatShape
                  seat={seat}
                  color={colors.get(seat.section_id) ?? 'var(--ink-500)'}
                  selected={selected}
                />
              </g>
            );
          })}
        </svg>
      </div>
      <p className="seat-map__info" aria-hidden="true">
        {pointed ? (
          <>
            <strong>{seatName(pointed, pointedSection)}</strong>
            {pointedSection &&
              ` · ${formatMoney(pointedSection.price_cents, currency)}`}
            {` · ${
              selectedIds.has(pointed.seat_id)
                ? 'selected'
                : pointed.status === 'held'
                  ? 'held by someone else'
                  : pointed.status
            }`}
          </>
        ) : (
          'Point at a seat to see its details.'
        )}
      </p>
    </div>
  );
}
