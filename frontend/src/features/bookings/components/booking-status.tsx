import { Badge } from '@/components/ui/badge';
import type { Booking } from '@/types/api';

export function BookingStatus({
  booking,
  past = false,
}: {
  booking: Booking;
  past?: boolean;
}) {
  if (booking.status === 'cancelled') {
    return <Badge tone="danger">Cancelled</Badge>;
  }

  if (booking.status === 'confirmed') {
    return <Badge tone={past ? 'neutral' : 'success'}>Confirmed</Badge>;
  }

  return <Badge>{booking.status}</Badge>;
}
