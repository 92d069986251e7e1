import { useLocation, useParams } from 'react-router';

import { BookingDetail } from '@/features/bookings/components/booking-detail';

import { NotFoundRoute } from './not-found';

export function BookingRoute() {
  const { bookingId } = useParams();
  const location = useLocation();
  const id = Number(bookingId);
  const state = location.state as { justBooked?: boolean } | null;

  if (!Number.isInteger(id) || id <= 0) return <NotFoundRoute />;

  return (
    <BookingDetail key={id} bookingId={id} justBooked={!!state?.justBooked} />
  );
}
