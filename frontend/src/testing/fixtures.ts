import type {
  Booking,
  PerformanceDetail,
  PerformanceSummary,
  Seat,
} from '@/types/api';

export function performanceSummary(
  overrides: Partial<PerformanceSummary> = {},
): PerformanceSummary {
  return {
    performance_id: 12,
    show_id: 3,
    title: 'Hamlet',
    genre: 'Tragedy',
    genre_id: 2,
    venue_id: 1,
    venue_name: 'Grand Hall',
    city: 'Vienna',
    time_zone: 'Europe/Vienna',
    starts_at: '2026-03-29T17:30:00Z',
    local_starts_at: '2026-03-29T19:30:00',
    duration_minutes: 180,
    seats_available: 811,
    capacity: 902,
    price_from_cents: 2500,
    currency: 'EUR',
    ...overrides,
  };
}

export function performanceDetail(
  overrides: Partial<PerformanceDetail> = {},
): PerformanceDetail {
  return {
    performance_id: 12,
    status: 'scheduled',
    on_sale: true,
    starts_at: '2026-12-10T18:30:00Z',
    local_starts_at: '2026-12-10T19:30:00',
    time_zone: 'Europe/Vienna',
    currency: 'EUR',
    seats_available: 20,
    capacity: 24,
    show: {
      show_id: 3,
      title: 'Hamlet',
      description: 'A prince, a ghost and a play within a play.',
      genre: 'Tragedy',
      duration_minutes: 180,
      director: 'Anna Berg',
      cast: [{ name: 'Jonas Weil', role: 'Hamlet' }],
    },
    venue: {
      venue_id: 1,
      name: 'Grand Hall',
      city: 'Vienna',
      address: 'Ringstraße 1',
      time_zone: 'Europe/Vienna',
    },
    sections: [
      {
        section_id: 4,
        name: 'Stalls',
        price_cents: 5500,
        capacity: 12,
        available: 10,
      },
      {
        section_id: 5,
        name: 'Balcony',
        price_cents: 2500,
        capacity: 12,
        available: 10,
      },
    ],
    ...overrides,
  };
}

/**
 * Two sections of two rows with six seats each: Stalls rows A-B (ids
 * 101-112) and Balcony rows C-D (ids 201-212). Seats in `booked` are taken.
 */
export function seatGrid(booked: number[] = []): Seat[] {
  const seats: Seat[] = [];
  const layout = [
    { section_id: 4, base: 100, rows: ['A', 'B'], y: 1 },
    { section_id: 5, base: 200, rows: ['C', 'D'], y: 4 },
  ];

  for (const { section_id, base, rows, y } of layout) {
    rows.forEach((row_label, rowIndex) => {
      for (let number = 1; number <= 6; number += 1) {
        const seat_id = base + rowIndex * 6 + number;

        seats.push({
          seat_id,
          section_id,
          row_label,
          seat_number: number,
          x: number - 3.5,
          y: y + rowIndex,
          accessible: seat_id === 101,
          companion: seat_id === 102,
          status: booked.includes(seat_id) ? 'booked' : 'available',
        });
      }
    });
  }

  return seats;
}

export function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    booking_id: 7,
    performance_id: 12,
    status: 'confirmed',
    created_at: '2026-01-05T10:00:00Z',
    cancelled_at: null,
    total_cents: 11000,
    currency: 'EUR',
    seat_count: 2,
    title: 'Hamlet',
    venue_name: 'Grand Hall',
    city: 'Vienna',
    time_zone: 'Europe/Vienna',
    starts_at: '2099-12-10T18:30:00Z',
    local_starts_at: '2099-12-10T19:30:00',
    cancellable: true,
    seats: [
      {
        seat_id: 107,
        section: 'Stalls',
        row_label: 'B',
        seat_number: 1,
        price_cents: 5500,
      },
      {
        seat_id: 108,
        section: 'Stalls',
        row_label: 'B',
        seat_number: 2,
        price_cents: 5500,
      },
    ],
    duration_minutes: 150,
    ...overrides,
  };
}
