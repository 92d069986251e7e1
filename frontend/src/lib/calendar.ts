/** Where a booking's calendar file (.ics) is served. */
export function calendarUrl(bookingId: number) {
  return `/api/bookings/${bookingId}/calendar.ics`;
}
