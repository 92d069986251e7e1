-- Core schema, the SQL Server twin of sql/postgres/0001_core_schema.sql:
-- accounts, the catalogue of venues, seats and performances, and bookings.
-- Procedures and views live in procs/mssql and are re-created on every
-- deploy; this file holds schemas, tables, constraints, indexes, and the
-- IANA to Windows time zone names that AT TIME ZONE needs.
-- The deploy tools run every batch of this file in one transaction and
-- record it in meta.schema_migrations. Never edit it once applied.
--
-- Collations: usernames and searchable text are case- and
-- accent-insensitive (CI_AI). Emails are case-insensitive but
-- accent-sensitive (CI_AS), like lower(email) on PostgreSQL: two addresses
-- that differ by an accent are two addresses. Format checks compare with
-- a binary collation so that [A-Z] means the 26 ASCII letters only.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE SCHEMA account;
GO

CREATE SCHEMA catalog;
GO

CREATE SCHEMA booking;
GO

CREATE SCHEMA report;
GO

EXEC sys.sp_addextendedproperty
    @name = N'MS_Description',
    @value = N'People who use the box office and their sessions.',
    @level0type = N'SCHEMA', @level0name = N'account';

EXEC sys.sp_addextendedproperty
    @name = N'MS_Description',
    @value = N'Venues, seats, shows and performances.',
    @level0type = N'SCHEMA', @level0name = N'catalog';

EXEC sys.sp_addextendedproperty
    @name = N'MS_Description',
    @value = N'Bookings and the seats they hold.',
    @level0type = N'SCHEMA', @level0name = N'booking';

EXEC sys.sp_addextendedproperty
    @name = N'MS_Description',
    @value = N'Read-only views and procedures for analysts.',
    @level0type = N'SCHEMA', @level0name = N'report';
GO

-- Accounts ---------------------------------------------------------------

CREATE TABLE account.users (
    user_id bigint IDENTITY (1, 1) NOT NULL,
    username nvarchar(30) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    email nvarchar(254) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
    display_name nvarchar(60) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    password_hash nvarchar(255) NOT NULL,
    created_at datetimeoffset(6) NOT NULL
        CONSTRAINT users_created_at_default DEFAULT SYSDATETIMEOFFSET(),
    CONSTRAINT users_pkey PRIMARY KEY (user_id),
    CONSTRAINT users_username_format CHECK (
        LEN(username) BETWEEN 3 AND 30
        AND username COLLATE Latin1_General_100_BIN2 NOT LIKE N'%[^A-Za-z0-9._-]%'
    ),
    CONSTRAINT users_email_format CHECK (
        LEN(email) <= 254
        AND email LIKE N'_%@_%'
        AND email NOT LIKE N'%@%@%'
        AND email NOT LIKE N'%['
            + NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + N' ]%'
    ),
    CONSTRAINT users_display_name_length CHECK (LEN(TRIM(display_name)) BETWEEN 1 AND 60),
    CONSTRAINT users_password_hash_present CHECK (LEN(password_hash) BETWEEN 20 AND 255)
);

-- Usernames and emails are unique whatever their case: the columns'
-- case-insensitive collations do what lower() does on PostgreSQL.
CREATE UNIQUE INDEX users_username_key ON account.users (username);
CREATE UNIQUE INDEX users_email_key ON account.users (email);

CREATE TABLE account.sessions (
    -- NEWID, not NEWSEQUENTIALID: the id is what the cookie carries, so it
    -- must not be guessable from its neighbours.
    session_id uniqueidentifier NOT NULL
        CONSTRAINT sessions_session_id_default DEFAULT NEWID(),
    user_id bigint NOT NULL,
    created_at datetimeoffset(6) NOT NULL
        CONSTRAINT sessions_created_at_default DEFAULT SYSDATETIMEOFFSET(),
    expires_at datetimeoffset(6) NOT NULL,
    ended_at datetimeoffset(6) NULL,
    -- A random key makes a poor clustering key: cluster on the user instead.
    CONSTRAINT sessions_pkey PRIMARY KEY NONCLUSTERED (session_id),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES account.users (user_id) ON DELETE CASCADE,
    CONSTRAINT sessions_expiry_after_creation CHECK (expires_at > created_at)
);

CREATE CLUSTERED INDEX sessions_user_idx ON account.sessions (user_id);
GO

-- Catalogue --------------------------------------------------------------

-- SQL Server's AT TIME ZONE knows Windows zone names; venues keep IANA
-- names like PostgreSQL. A venue's zone must be listed here (the foreign
-- key on catalog.venues makes sure), so local times can always be computed.
CREATE TABLE catalog.time_zone_names (
    iana_name nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    windows_name nvarchar(128) NOT NULL,
    CONSTRAINT time_zone_names_pkey PRIMARY KEY (iana_name)
);

INSERT INTO catalog.time_zone_names (iana_name, windows_name)
VALUES
    (N'UTC', N'UTC'),
    (N'Etc/UTC', N'UTC'),
    (N'Europe/London', N'GMT Standard Time'),
    (N'Europe/Dublin', N'GMT Standard Time'),
    (N'Europe/Lisbon', N'GMT Standard Time'),
    (N'Europe/Paris', N'Romance Standard Time'),
    (N'Europe/Brussels', N'Romance Standard Time'),
    (N'Europe/Madrid', N'Romance Standard Time'),
    (N'Europe/Copenhagen', N'Romance Standard Time'),
    (N'Europe/Vienna', N'W. Europe Standard Time'),
    (N'Europe/Berlin', N'W. Europe Standard Time'),
    (N'Europe/Amsterdam', N'W. Europe Standard Time'),
    (N'Europe/Rome', N'W. Europe Standard Time'),
    (N'Europe/Zurich', N'W. Europe Standard Time'),
    (N'Europe/Stockholm', N'W. Europe Standard Time'),
    (N'Europe/Oslo', N'W. Europe Standard Time'),
    (N'Europe/Prague', N'Central Europe Standard Time'),
    (N'Europe/Budapest', N'Central Europe Standard Time'),
    (N'Europe/Warsaw', N'Central European Standard Time'),
    (N'Europe/Bucharest', N'GTB Standard Time'),
    (N'Europe/Athens', N'GTB Standard Time'),
    (N'Europe/Helsinki', N'FLE Standard Time'),
    (N'America/New_York', N'Eastern Standard Time'),
    (N'America/Toronto', N'Eastern Standard Time'),
    (N'America/Chicago', N'Central Standard Time'),
    (N'America/Denver', N'Mountain Standard Time'),
    (N'America/Los_Angeles', N'Pacific Standard Time'),
    (N'Asia/Tokyo', N'Tokyo Standard Time'),
    (N'Australia/Sydney', N'AUS Eastern Standard Time');

CREATE TABLE catalog.venues (
    venue_id bigint IDENTITY (1, 1) NOT NULL,
    name nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    city nvarchar(100) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    address nvarchar(400) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    time_zone nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    currency nchar(3) NOT NULL,
    CONSTRAINT venues_pkey PRIMARY KEY (venue_id),
    CONSTRAINT venues_name_key UNIQUE (name),
    CONSTRAINT venues_time_zone_fkey FOREIGN KEY (time_zone)
        REFERENCES catalog.time_zone_names (iana_name),
    CONSTRAINT venues_currency_format CHECK (
        currency COLLATE Latin1_General_100_BIN2 LIKE N'[A-Z][A-Z][A-Z]'
    ),
    -- The first part holds letters and underscores, every later part after
    -- a slash letters, digits, _, + or -, like the PostgreSQL pattern.
    CONSTRAINT venues_time_zone_format CHECK (
        time_zone NOT LIKE N'%[^A-Za-z0-9_+/-]%'
        AND LEFT(time_zone, CHARINDEX(N'/', time_zone + N'/') - 1) LIKE N'[A-Za-z_]%'
        AND LEFT(time_zone, CHARINDEX(N'/', time_zone + N'/') - 1) NOT LIKE N'%[^A-Za-z_]%'
        AND time_zone NOT LIKE N'%//%'
        AND time_zone NOT LIKE N'%/'
    )
);

CREATE TABLE catalog.sections (
    section_id bigint IDENTITY (1, 1) NOT NULL,
    venue_id bigint NOT NULL,
    name nvarchar(100) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    sort_order int NOT NULL,
    CONSTRAINT sections_pkey PRIMARY KEY (section_id),
    CONSTRAINT sections_venue_id_fkey FOREIGN KEY (venue_id)
        REFERENCES catalog.venues (venue_id),
    CONSTRAINT sections_name_per_venue UNIQUE (venue_id, name),
    -- Lets seats reference (section, venue) so a seat's venue is never wrong.
    CONSTRAINT sections_id_venue UNIQUE (section_id, venue_id),
    CONSTRAINT sections_sort_order_positive CHECK (sort_order > 0)
);

CREATE TABLE catalog.seats (
    seat_id bigint IDENTITY (1, 1) NOT NULL,
    venue_id bigint NOT NULL,
    section_id bigint NOT NULL,
    row_label nvarchar(5) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    seat_number int NOT NULL,
    x decimal(7, 2) NOT NULL,
    y decimal(7, 2) NOT NULL,
    is_accessible bit NOT NULL CONSTRAINT seats_is_accessible_default DEFAULT 0,
    is_companion bit NOT NULL CONSTRAINT seats_is_companion_default DEFAULT 0,
    CONSTRAINT seats_pkey PRIMARY KEY (seat_id),
    CONSTRAINT seats_section_venue_fk FOREIGN KEY (section_id, venue_id)
        REFERENCES catalog.sections (section_id, venue_id),
    CONSTRAINT seats_position_per_section UNIQUE (section_id, row_label, seat_number),
    CONSTRAINT seats_id_venue UNIQUE (seat_id, venue_id),
    CONSTRAINT seats_row_label_length CHECK (LEN(row_label) BETWEEN 1 AND 5),
    CONSTRAINT seats_number_positive CHECK (seat_number > 0),
    CONSTRAINT seats_not_both_flags CHECK (NOT (is_accessible = 1 AND is_companion = 1))
);

CREATE INDEX seats_venue_idx ON catalog.seats (venue_id);

CREATE TABLE catalog.genres (
    genre_id bigint IDENTITY (1, 1) NOT NULL,
    name nvarchar(100) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    CONSTRAINT genres_pkey PRIMARY KEY (genre_id),
    CONSTRAINT genres_name_key UNIQUE (name)
);

CREATE TABLE catalog.shows (
    show_id bigint IDENTITY (1, 1) NOT NULL,
    title nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    description nvarchar(max) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    genre_id bigint NOT NULL,
    duration_minutes int NOT NULL,
    director nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    CONSTRAINT shows_pkey PRIMARY KEY (show_id),
    CONSTRAINT shows_genre_id_fkey FOREIGN KEY (genre_id)
        REFERENCES catalog.genres (genre_id),
    CONSTRAINT shows_title_length CHECK (LEN(title) BETWEEN 1 AND 200),
    CONSTRAINT shows_duration_range CHECK (duration_minutes BETWEEN 10 AND 600)
);

CREATE INDEX shows_genre_idx ON catalog.shows (genre_id);

CREATE TABLE catalog.show_cast (
    show_id bigint NOT NULL,
    billing_order int NOT NULL,
    person_name nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    role_name nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    CONSTRAINT show_cast_pkey PRIMARY KEY (show_id, billing_order),
    CONSTRAINT show_cast_show_id_fkey FOREIGN KEY (show_id)
        REFERENCES catalog.shows (show_id),
    CONSTRAINT show_cast_billing_positive CHECK (billing_order > 0)
);

CREATE TABLE catalog.performances (
    performance_id bigint IDENTITY (1, 1) NOT NULL,
    show_id bigint NOT NULL,
    venue_id bigint NOT NULL,
    starts_at datetimeoffset(6) NOT NULL,
    status nvarchar(20) NOT NULL CONSTRAINT performances_status_default DEFAULT N'scheduled',
    CONSTRAINT performances_pkey PRIMARY KEY (performance_id),
    CONSTRAINT performances_show_id_fkey FOREIGN KEY (show_id)
        REFERENCES catalog.shows (show_id),
    CONSTRAINT performances_venue_id_fkey FOREIGN KEY (venue_id)
        REFERENCES catalog.venues (venue_id),
    CONSTRAINT performances_status_valid CHECK (status IN (N'scheduled', N'cancelled')),
    CONSTRAINT performances_venue_start UNIQUE (venue_id, starts_at),
    CONSTRAINT performances_id_venue UNIQUE (performance_id, venue_id)
);

CREATE INDEX performances_starts_idx ON catalog.performances (starts_at);
CREATE INDEX performances_show_idx ON catalog.performances (show_id);

CREATE TABLE catalog.performance_prices (
    performance_id bigint NOT NULL,
    section_id bigint NOT NULL,
    price_cents int NOT NULL,
    CONSTRAINT performance_prices_pkey PRIMARY KEY (performance_id, section_id),
    CONSTRAINT performance_prices_performance_id_fkey FOREIGN KEY (performance_id)
        REFERENCES catalog.performances (performance_id),
    CONSTRAINT performance_prices_section_id_fkey FOREIGN KEY (section_id)
        REFERENCES catalog.sections (section_id),
    CONSTRAINT performance_prices_not_negative CHECK (price_cents >= 0)
);
GO

-- Bookings ---------------------------------------------------------------

CREATE TABLE booking.bookings (
    booking_id bigint IDENTITY (1, 1) NOT NULL,
    user_id bigint NOT NULL,
    performance_id bigint NOT NULL,
    status nvarchar(20) NOT NULL CONSTRAINT bookings_status_default DEFAULT N'confirmed',
    created_at datetimeoffset(6) NOT NULL
        CONSTRAINT bookings_created_at_default DEFAULT SYSDATETIMEOFFSET(),
    cancelled_at datetimeoffset(6) NULL,
    seat_count int NOT NULL,
    total_cents int NOT NULL,
    CONSTRAINT bookings_pkey PRIMARY KEY (booking_id),
    CONSTRAINT bookings_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES account.users (user_id),
    CONSTRAINT bookings_performance_id_fkey FOREIGN KEY (performance_id)
        REFERENCES catalog.performances (performance_id),
    CONSTRAINT bookings_status_valid CHECK (status IN (N'confirmed', N'cancelled')),
    CONSTRAINT bookings_cancelled_at_matches_status CHECK (
        (status = N'cancelled' AND cancelled_at IS NOT NULL)
        OR (status <> N'cancelled' AND cancelled_at IS NULL)
    ),
    CONSTRAINT bookings_seat_count_range CHECK (seat_count BETWEEN 1 AND 10),
    CONSTRAINT bookings_total_not_negative CHECK (total_cents >= 0),
    CONSTRAINT bookings_id_performance UNIQUE (booking_id, performance_id)
);

CREATE INDEX bookings_user_idx ON booking.bookings (user_id, performance_id);
CREATE INDEX bookings_performance_idx ON booking.bookings (performance_id);

CREATE TABLE booking.booked_seats (
    booking_id bigint NOT NULL,
    performance_id bigint NOT NULL,
    venue_id bigint NOT NULL,
    seat_id bigint NOT NULL,
    price_cents int NOT NULL,
    is_active bit NOT NULL CONSTRAINT booked_seats_is_active_default DEFAULT 1,
    CONSTRAINT booked_seats_pkey PRIMARY KEY (booking_id, seat_id),
    CONSTRAINT booked_seats_booking_fk FOREIGN KEY (booking_id, performance_id)
        REFERENCES booking.bookings (booking_id, performance_id),
    -- Both keys carry the venue, so a seat of another venue cannot be booked.
    CONSTRAINT booked_seats_performance_venue_fk FOREIGN KEY (performance_id, venue_id)
        REFERENCES catalog.performances (performance_id, venue_id),
    CONSTRAINT booked_seats_seat_venue_fk FOREIGN KEY (seat_id, venue_id)
        REFERENCES catalog.seats (seat_id, venue_id),
    CONSTRAINT booked_seats_price_not_negative CHECK (price_cents >= 0)
);

-- The last line of defence: whatever any code does, one seat of one
-- performance belongs to at most one active booking.
CREATE UNIQUE INDEX booked_seats_one_active_per_seat
    ON booking.booked_seats (performance_id, seat_id)
    WHERE is_active = 1;
GO
