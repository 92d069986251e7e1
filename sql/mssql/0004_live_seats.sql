-- Live seat map, the SQL Server twin of sql/postgres/0004_live_seats.sql:
-- seat holds during checkout, their settings, and a change version per
-- performance that the API polls to push updates.
-- The deploy tools run every batch of this file in one transaction and
-- record it in meta.schema_migrations. Never edit it once applied.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

-- Settings the hold procedures read; one row per setting.
CREATE TABLE booking.hold_settings (
    setting_name nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
    setting_value int NOT NULL,
    CONSTRAINT hold_settings_pkey PRIMARY KEY (setting_name),
    CONSTRAINT hold_settings_known_name
        CHECK (setting_name IN (N'hold_minutes', N'max_held_seats')),
    CONSTRAINT hold_settings_positive CHECK (setting_value BETWEEN 1 AND 1440)
);

INSERT INTO booking.hold_settings (setting_name, setting_value)
VALUES (N'hold_minutes', 10), (N'max_held_seats', 10);

-- A seat held by one user while they check out. A hold counts only while
-- expires_at is in the future by database time; an expired row is kept
-- until it is overwritten, so its owner can be told what happened to it.
CREATE TABLE booking.seat_holds (
    performance_id bigint NOT NULL,
    venue_id bigint NOT NULL,
    seat_id bigint NOT NULL,
    user_id bigint NOT NULL,
    held_at datetimeoffset(6) NOT NULL
        CONSTRAINT seat_holds_held_at_default DEFAULT SYSDATETIMEOFFSET(),
    expires_at datetimeoffset(6) NOT NULL,
    CONSTRAINT seat_holds_pkey PRIMARY KEY (performance_id, seat_id),
    CONSTRAINT seat_holds_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES account.users (user_id),
    CONSTRAINT seat_holds_performance_venue_fk FOREIGN KEY (performance_id, venue_id)
        REFERENCES catalog.performances (performance_id, venue_id),
    CONSTRAINT seat_holds_seat_venue_fk FOREIGN KEY (seat_id, venue_id)
        REFERENCES catalog.seats (seat_id, venue_id),
    CONSTRAINT seat_holds_expiry_after_hold CHECK (expires_at > held_at)
);

CREATE INDEX seat_holds_user_idx ON booking.seat_holds (user_id, performance_id);

-- Bumped by every procedure that books, cancels, holds or releases seats of
-- a performance, in the same transaction. The API polls the recently
-- changed rows (changed_at) once per tick per server process.
CREATE TABLE booking.performance_versions (
    performance_id bigint NOT NULL,
    version bigint NOT NULL,
    changed_at datetimeoffset(6) NOT NULL
        CONSTRAINT performance_versions_changed_at_default DEFAULT SYSDATETIMEOFFSET(),
    CONSTRAINT performance_versions_pkey PRIMARY KEY (performance_id),
    CONSTRAINT performance_versions_performance_id_fkey FOREIGN KEY (performance_id)
        REFERENCES catalog.performances (performance_id),
    CONSTRAINT performance_versions_positive CHECK (version > 0)
);

CREATE INDEX performance_versions_changed_idx ON booking.performance_versions (changed_at);
GO
