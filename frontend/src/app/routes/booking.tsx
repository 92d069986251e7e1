import { useLocation, useParams } from 'react-router';

import { BookingDetail } from '@/features/bookings/components/booking-detail';
import { idFromPath } from '@/lib/ids';

import { NotFoundRoute } from './not-found';

export function BookingRoute() {
  const { bookingId } = useParams();
  const location = useLocation();
  const id = idFromPath(bookingId);
  const state = location.state as { justBooked?: boolean } | null;

  if (id === undefined) return <NotFoundRoute />;

  return (
    <BookingDetail key={id} bookingId={id} justBooked={!!state?.justBooked} />
  );
}
