import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';

import { ApiError } from '@/lib/api-client';
import { performanceDetail, seatGrid } from '@/testing/fixtures';
import type { PerformanceDetail, Seat } from '@/types/api';

import { SeatPicker } from './seat-picker';

function Harness({
  performance = performanceDetail(),
  initialSeats = seatGrid([103]),
  onBook = vi.fn(async () => {}),
}: {
  performance?: PerformanceDetail;
  initialSeats?: Seat[];
  onBook?: (ids: number[]) => Promise<void>;
}) {
  const [seats, setSeats] = useState(initialSeats);

  return (
    <SeatPicker
      performance={performance}
      seats={seats}
      onBook={onBook}
      onSeatsTaken={(ids) =>
        setSeats((current) =>
          current.map((seat) =>
            ids.includes(seat.seat_id) ? { ...seat, status: 'booked' } : seat,
          ),
        )
      }
    />
  );
}

function map() {
  return within(screen.getByRole('group', { name: 'Seat map' }));
}

function seat(name: RegExp) {
  return map().getByRole('checkbox', { name });
}

function total() {
  return screen.getByTestId('selection-total').textContent;
}

describe('seat map', () => {
  it('labels a row that runs down the side of the house above its first seat', () => {
    // Row C runs from the stage backwards, one seat behind the other.
    const column = seatGrid().map((seat) =>
      seat.row_label === 'C'
        ? { ...seat, x: -8, y: 4 + seat.seat_number }
        : seat,
    );
    const { container } = render(<Harness initialSeats={column} />);

    const rowC = [...container.querySelectorAll('.seat-map__rows text')].find(
      (label) => label.textContent === 'C',
    )!;

    expect(rowC).toHaveAttribute('text-anchor', 'middle');
    expect(Number(rowC.getAttribute('x'))).toBe(-8);
    expect(Number(rowC.getAttribute('y'))).toBeLessThan(5);
  });

  it('labels each row once, left of its first seat, even when the row curves', () => {
    // Row A curves: the further a seat is from the centre line, the
    // further back it sits.
    const curved = seatGrid().map((seat) =>
      seat.row_label === 'A'
        ? { ...seat, y: seat.y + Math.abs(seat.x) * 0.4 }
        : seat,
    );
    const { container } = render(<Harness initialSeats={curved} />);

    const labels = [...container.querySelectorAll('.seat-map__rows text')];

    expect(labels.map((label) => label.textContent)).toEqual([
      'A',
      'B',
      'C',
      'D',
    ]);

    const rowA = labels[0]!;
    const firstSeat = curved.find((s) => s.seat_id === 101)!;

    expect(rowA).toHaveAttribute('text-anchor', 'end');
    expect(Number(rowA.getAttribute('x'))).toBeLessThan(firstSeat.x);
  });

  it('selects seats by clicking, lists them with prices and adds up the total', async () => {
    const user = userEvent.setup();

    render(<Harness />);

    await user.click(seat(/^Stalls row A seat 4,/));
    await user.click(seat(/^Stalls row B seat 1,/));
    await user.click(seat(/^Balcony row C seat 6,/));

    expect(seat(/^Stalls row A seat 4,/)).toHaveAttribute(
      'aria-checked',
      'true',
    );

    const summary = within(screen.getByRole('region', { name: 'Your seats' }));

    expect(summary.getByText('Stalls row A seat 4')).toBeInTheDocument();
    expect(summary.getByText('Balcony row C seat 6')).toBeInTheDocument();
    expect(summary.getAllByText('€55.00')).toHaveLength(2);
    expect(summary.getByText('€25.00')).toBeInTheDocument();
    expect(total()).toBe('€135.00');
    expect(screen.getByRole('button', { name: 'Book 3 seats' })).toBeEnabled();

    await user.click(seat(/^Stalls row A seat 4,/));

    expect(total()).toBe('€80.00');
    expect(seat(/^Stalls row A seat 4,/)).toHaveAttribute(
      'aria-checked',
      'false',
    );
  });

  it('labels seats with section, row, number, price and state', () => {
    render(<Harness />);

    expect(
      seat(/^Stalls row A seat 4, €55.00, available$/),
    ).toBeInTheDocument();
    expect(
      seat(/^Stalls row A seat 1, €55.00, wheelchair space, available$/),
    ).toBeInTheDocument();
    expect(seat(/^Stalls row A seat 3, €55.00, booked$/)).toBeInTheDocument();
  });

  it('does not let a booked seat be selected', async () => {
    const user = userEvent.setup();

    render(<Harness />);

    const booked = seat(/^Stalls row A seat 3,/);

    expect(booked).toHaveAttribute('aria-disabled', 'true');

    await user.click(booked);

    expect(booked).toHaveAttribute('aria-checked', 'false');
    expect(total()).toBe('€0.00');
    expect(screen.getByRole('button', { name: 'Book seats' })).toBeDisabled();
  });

  it('stops at ten seats and explains why on the eleventh click', async () => {
    const user = userEvent.setup();

    render(<Harness />);

    const stalls = [1, 2, 4, 5, 6].map((n) => `A seat ${n}`);
    const more = [1, 2, 3, 4, 5].map((n) => `B seat ${n}`);

    for (const name of [...stalls, ...more]) {
      await user.click(seat(new RegExp(`^Stalls row ${name},`)));
    }

    expect(total()).toBe('€550.00');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const eleventh = seat(/^Stalls row B seat 6,/);

    await user.click(eleventh);

    expect(eleventh).toHaveAttribute('aria-checked', 'false');
    expect(total()).toBe('€550.00');
    expect(screen.getByRole('alert')).toHaveTextContent(
      /up to 10 seats at a time/,
    );
    expect(screen.getByRole('button', { name: 'Book 10 seats' })).toBeEnabled();
  });

  it('toggles seats with Enter and Space and moves between them with arrows', async () => {
    const user = userEvent.setup();

    render(<Harness />);

    const first = seat(/^Stalls row A seat 1,/);

    // The first available seat is the map's single tab stop: the zoom
    // button comes before it.
    expect(
      map()
        .getAllByRole('checkbox')
        .filter((el) => el.tabIndex === 0),
    ).toEqual([first]);
    await user.tab();
    await user.tab();
    expect(first).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(first).toHaveAttribute('aria-checked', 'true');
    expect(total()).toBe('€55.00');

    await user.keyboard('{ArrowRight}');
    const second = seat(/^Stalls row A seat 2,/);
    expect(second).toHaveFocus();

    await user.keyboard(' ');
    expect(second).toHaveAttribute('aria-checked', 'true');
    expect(total()).toBe('€110.00');

    await user.keyboard('{ArrowDown}');
    expect(seat(/^Stalls row B seat 2,/)).toHaveFocus();

    await user.keyboard('{ArrowUp}');
    await user.keyboard('{Enter}');
    expect(second).toHaveAttribute('aria-checked', 'false');
    expect(total()).toBe('€55.00');
  });

  it('books the selected seat ids in the order they were chosen', async () => {
    const user = userEvent.setup();
    const onBook = vi.fn(async () => {});

    render(<Harness onBook={onBook} />);

    await user.click(seat(/^Balcony row D seat 2,/));
    await user.click(seat(/^Stalls row A seat 2,/));
    await user.click(screen.getByRole('button', { name: 'Book 2 seats' }));

    expect(onBook).toHaveBeenCalledWith([208, 102]);
  });

  it('on seat_taken marks the named seats taken, deselects them and keeps the rest', async () => {
    const user = userEvent.setup();
    const onBook = vi.fn(async () => {
      throw new ApiError(409, 'seat_taken', 'Seat Stalls A-5 is taken.', {
        seat_ids: [105],
      });
    });

    render(<Harness onBook={onBook} />);

    await user.click(seat(/^Stalls row A seat 4,/));
    await user.click(seat(/^Stalls row A seat 5,/));
    await user.click(seat(/^Stalls row A seat 6,/));
    await user.click(screen.getByRole('button', { name: 'Book 3 seats' }));

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Sorry, Stalls row A seat 5 has just been booked by someone else.',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'kept your other 2 seats selected',
    );

    const taken = seat(/^Stalls row A seat 5,/);

    expect(taken).toHaveAttribute('aria-checked', 'false');
    expect(taken).toHaveAttribute('aria-disabled', 'true');
    expect(seat(/^Stalls row A seat 4,/)).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(seat(/^Stalls row A seat 6,/)).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(total()).toBe('€110.00');
  });

  it('shows the mapped message for other booking errors and keeps the selection', async () => {
    const user = userEvent.setup();
    const onBook = vi.fn(async () => {
      throw new ApiError(409, 'performance_not_on_sale', 'Not on sale.');
    });

    render(<Harness onBook={onBook} />);

    await user.click(seat(/^Stalls row A seat 4,/));
    await user.click(screen.getByRole('button', { name: 'Book 1 seat' }));

    expect(screen.getByRole('alert')).toHaveTextContent(/no longer on sale/);
    expect(seat(/^Stalls row A seat 4,/)).toHaveAttribute(
      'aria-checked',
      'true',
    );
  });

  it('drops a selected seat that a refresh shows as booked, and says so', async () => {
    const user = userEvent.setup();
    const performance = performanceDetail();
    const onBook = vi.fn(async () => {});
    const { rerender } = render(
      <SeatPicker
        performance={performance}
        seats={seatGrid()}
        onBook={onBook}
        onSeatsTaken={() => {}}
      />,
    );

    await user.click(seat(/^Stalls row A seat 4,/));
    await user.click(seat(/^Stalls row A seat 5,/));

    rerender(
      <SeatPicker
        performance={performance}
        seats={seatGrid([104])}
        onBook={onBook}
        onSeatsTaken={() => {}}
      />,
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Stalls row A seat 4 was just booked by someone else',
    );
    expect(total()).toBe('€55.00');
  });

  it('shows a read-only plan when the performance is not on sale', async () => {
    const user = userEvent.setup();

    render(<Harness performance={performanceDetail({ on_sale: false })} />);

    expect(
      screen.getByRole('img', { name: 'Seat map (view only)' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /book/i }),
    ).not.toBeInTheDocument();

    const anySeat = document.querySelector('[data-seat-id="104"]')!;

    await user.click(anySeat);

    expect(anySeat).not.toHaveClass('seat--selected');
  });
});
