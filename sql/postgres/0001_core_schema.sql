-- Core schema: accounts, the catalogue of venues, seats and performances,
-- and bookings. Routines live in procs/postgres and are re-created on every
-- deploy; this file only holds tables, constraints and indexes.

create schema account;
create schema catalog;
create schema booking;
create schema report;

comment on schema account is 'People who use the box office and their sessions.';
comment on schema catalog is 'Venues, seats, shows and performances.';
comment on schema booking is 'Bookings and the seats they hold.';
comment on schema report is 'Read-only views and routines for analysts.';

-- Accounts ---------------------------------------------------------------

create table account.users (
    user_id bigint generated always as identity primary key,
    username text not null,
    email text not null,
    display_name text not null,
    password_hash text not null,
    created_at timestamptz not null default now(),
    constraint users_username_format
        check (username ~ '^[A-Za-z0-9._-]{3,30}$'),
    constraint users_email_format
        check (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+$'),
    constraint users_display_name_length
        check (char_length(btrim(display_name)) between 1 and 60),
    constraint users_password_hash_present
        check (char_length(password_hash) between 20 and 255)
);

-- Usernames and emails are unique whatever their case.
create unique index users_username_key on account.users (lower(username));
create unique index users_email_key on account.users (lower(email));

create table account.sessions (
    session_id uuid primary key default gen_random_uuid(),
    user_id bigint not null references account.users on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    ended_at timestamptz,
    constraint sessions_expiry_after_creation check (expires_at > created_at)
);

create index sessions_user_idx on account.sessions (user_id);

-- Catalogue --------------------------------------------------------------

create table catalog.venues (
    venue_id bigint generated always as identity primary key,
    name text not null unique,
    city text not null,
    address text not null,
    time_zone text not null,
    currency char(3) not null,
    constraint venues_currency_format check (currency ~ '^[A-Z]{3}$'),
    constraint venues_time_zone_format check (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$')
);

create table catalog.sections (
    section_id bigint generated always as identity primary key,
    venue_id bigint not null references catalog.venues,
    name text not null,
    sort_order integer not null,
    constraint sections_name_per_venue unique (venue_id, name),
    -- Lets seats reference (section, venue) so a seat's venue is never wrong.
    constraint sections_id_venue unique (section_id, venue_id),
    constraint sections_sort_order_positive check (sort_order > 0)
);

create table catalog.seats (
    seat_id bigint generated always as identity primary key,
    venue_id bigint not null,
    section_id bigint not null,
    row_label text not null,
    seat_number integer not null,
    x numeric(7, 2) not null,
    y numeric(7, 2) not null,
    is_accessible boolean not null default false,
    is_companion boolean not null default false,
    constraint seats_section_venue_fk foreign key (section_id, venue_id)
        references catalog.sections (section_id, venue_id),
    constraint seats_position_per_section unique (section_id, row_label, seat_number),
    constraint seats_id_venue unique (seat_id, venue_id),
    constraint seats_row_label_length check (char_length(row_label) between 1 and 5),
    constraint seats_number_positive check (seat_number > 0),
    constraint seats_not_both_flags check (not (is_accessible and is_companion))
);

create index seats_venue_idx on catalog.seats (venue_id);

create table catalog.genres (
    genre_id bigint generated always as identity primary key,
    name text not null unique
);

create table catalog.shows (
    show_id bigint generated always as identity primary key,
    title text not null,
    description text not null,
    genre_id bigint not null references catalog.genres,
    duration_minutes integer not null,
    director text not null,
    constraint shows_title_length check (char_length(title) between 1 and 200),
    constraint shows_duration_range check (duration_minutes between 10 and 600)
);

create index shows_genre_idx on catalog.shows (genre_id);

create table catalog.show_cast (
    show_id bigint not null references catalog.shows,
    billing_order integer not null,
    person_name text not null,
    role_name text not null,
    primary key (show_id, billing_order),
    constraint show_cast_billing_positive check (billing_order > 0)
);

create table catalog.performances (
    performance_id bigint generated always as identity primary key,
    show_id bigint not null references catalog.shows,
    venue_id bigint not null references catalog.venues,
    starts_at timestamptz not null,
    status text not null default 'scheduled',
    constraint performances_status_valid check (status in ('scheduled', 'cancelled')),
    constraint performances_venue_start unique (venue_id, starts_at),
    constraint performances_id_venue unique (performance_id, venue_id)
);

create index performances_starts_idx on catalog.performances (starts_at);
create index performances_show_idx on catalog.performances (show_id);

create table catalog.performance_prices (
    performance_id bigint not null references catalog.performances,
    section_id bigint not null references catalog.sections,
    price_cents integer not null,
    primary key (performance_id, section_id),
    constraint performance_prices_not_negative check (price_cents >= 0)
);

-- Bookings ---------------------------------------------------------------

create table booking.bookings (
    booking_id bigint generated always as identity primary key,
    user_id bigint not null references account.users,
    performance_id bigint not null references catalog.performances,
    status text not null default 'confirmed',
    created_at timestamptz not null default now(),
    cancelled_at timestamptz,
    seat_count integer not null,
    total_cents integer not null,
    constraint bookings_status_valid check (status in ('confirmed', 'cancelled')),
    constraint bookings_cancelled_at_matches_status
        check ((status = 'cancelled') = (cancelled_at is not null)),
    constraint bookings_seat_count_range check (seat_count between 1 and 10),
    constraint bookings_total_not_negative check (total_cents >= 0),
    constraint bookings_id_performance unique (booking_id, performance_id)
);

create index bookings_user_idx on booking.bookings (user_id, performance_id);
create index bookings_performance_idx on booking.bookings (performance_id);

create table booking.booked_seats (
    booking_id bigint not null,
    performance_id bigint not null,
    venue_id bigint not null,
    seat_id bigint not null,
    price_cents integer not null,
    is_active boolean not null default true,
    primary key (booking_id, seat_id),
    constraint booked_seats_booking_fk foreign key (booking_id, performance_id)
        references booking.bookings (booking_id, performance_id),
    -- Both keys carry the venue, so a seat of another venue cannot be booked.
    constraint booked_seats_performance_venue_fk foreign key (performance_id, venue_id)
        references catalog.performances (performance_id, venue_id),
    constraint booked_seats_seat_venue_fk foreign key (seat_id, venue_id)
        references catalog.seats (seat_id, venue_id),
    constraint booked_seats_price_not_negative check (price_cents >= 0)
);

-- The last line of defence: whatever any code does, one seat of one
-- performance belongs to at most one active booking.
create unique index booked_seats_one_active_per_seat
    on booking.booked_seats (performance_id, seat_id)
    where is_active;
