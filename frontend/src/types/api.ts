// Shapes of the JSON the API sends, as documented in docs/api.md.

export type User = {
  user_id: number;
  username: string;
  email: string;
  display_name: string;
  created_at: string;
};

export type Page<T> = {
  items: T[];
  page: number;
  page_size: number;
  total: number;
  sort: string;
  order: 'asc' | 'desc';
};

export type PerformanceSummary = {
  performance_id: number;
  show_id: number;
  title: string;
  genre: string;
  genre_id: number;
  venue_id: number;
  venue_name: string;
  city: string;
  time_zone: string;
  starts_at: string;
  local_starts_at: string;
  duration_minutes: number;
  seats_available: number;
  capacity: number;
  price_from_cents: number;
  currency: string;
};

export type Genre = { genre_id: number; name: string };

export type Venue = {
  venue_id: number;
  name: string;
  city: string;
  time_zone: string;
  capacity: number;
};

export type CastMember = { name: string; role: string };

export type Section = {
  section_id: number;
  name: string;
  price_cents: number;
  capacity: number;
  available: number;
};

export type PerformanceDetail = {
  performance_id: number;
  status: string;
  on_sale: boolean;
  starts_at: string;
  local_starts_at: string;
  time_zone: string;
  currency: string;
  seats_available: number;
  capacity: number;
  show: {
    show_id: number;
    title: string;
    description: string;
    genre: string;
    duration_minutes: number;
    director: string;
    cast: CastMember[];
  };
  venue: {
    venue_id: number;
    name: string;
    city: string;
    address: string;
    time_zone: string;
  };
  sections: Section[];
};

export type SeatStatus = 'available' | 'held' | 'booked';

export type Seat = {
  seat_id: number;
  section_id: number;
  row_label: string;
  seat_number: number;
  x: number;
  y: number;
  accessible: boolean;
  companion: boolean;
  status: SeatStatus;
};

export type SeatMap = {
  performance_id: number;
  venue_id: number;
  seats: Seat[];
};

/**
 * Which seats of a performance are taken, ids ascending: the light read a
 * live seat map repeats. Every seat in neither list is available.
 */
export type SeatMapStatus = {
  performance_id: number;
  booked: number[];
  held: number[];
};

export type BookedSeat = {
  seat_id: number;
  section: string;
  row_label: string;
  seat_number: number;
  price_cents: number;
};

export type Booking = {
  booking_id: number;
  performance_id: number;
  status: 'confirmed' | 'cancelled' | string;
  created_at: string;
  cancelled_at: string | null;
  total_cents: number;
  currency: string;
  seat_count: number;
  title: string;
  venue_name: string;
  city: string;
  time_zone: string;
  starts_at: string;
  local_starts_at: string;
  cancellable: boolean;
  seats: BookedSeat[];
  /** The show's running time. */
  duration_minutes: number;
};
