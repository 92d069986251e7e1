import { formatMoney } from '@/lib/format';
import type { Booking } from '@/types/api';

export function BookingSeats({ booking }: { booking: Booking }) {
  return (
    <table className="data-table data-table--compact booking-seats">
      <caption className="visually-hidden">Seats in this booking</caption>
      <thead>
        <tr>
          <th scope="col">Section</th>
          <th scope="col">Row</th>
          <th scope="col">Seat</th>
          <th scope="col" className="num">
            Price
          </th>
        </tr>
      </thead>
      <tbody>
        {booking.seats.map((seat) => (
          <tr key={seat.seat_id}>
            <td>{seat.section}</td>
            <td>{seat.row_label}</td>
            <td>{seat.seat_number}</td>
            <td className="num">
              {formatMoney(seat.price_cents, booking.currency)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className="num">
            <strong>
              {formatMoney(booking.total_cents, booking.currency)}
            </strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
