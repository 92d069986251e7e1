-- Live seat map: seat holds during checkout, their settings, and a change
-- version per performance that the API watches to push updates.

-- Settings the hold routines read; one row per setting.
create table booking.hold_settings (
    setting_name text primary key,
    setting_value integer not null,
    constraint hold_settings_known_name
        check (setting_name in ('hold_minutes', 'max_held_seats')),
    constraint hold_settings_positive check (setting_value between 1 and 1440)
);

insert into booking.hold_settings (setting_name, setting_value)
values ('hold_minutes', 10), ('max_held_seats', 10);

-- A seat held by one user while they check out. A hold counts only while
-- expires_at is in the future by database time; an expired row is kept
-- until it is overwritten, so its owner can be told what happened to it.
create table booking.seat_holds (
    performance_id bigint not null,
    venue_id bigint not null,
    seat_id bigint not null,
    user_id bigint not null references account.users,
    held_at timestamptz not null default now(),
    expires_at timestamptz not null,
    primary key (performance_id, seat_id),
    constraint seat_holds_performance_venue_fk foreign key (performance_id, venue_id)
        references catalog.performances (performance_id, venue_id),
    constraint seat_holds_seat_venue_fk foreign key (seat_id, venue_id)
        references catalog.seats (seat_id, venue_id),
    constraint seat_holds_expiry_after_hold check (expires_at > held_at)
);

create index seat_holds_user_idx on booking.seat_holds (user_id, performance_id);

-- Bumped by every routine that books, cancels, holds or releases seats of a
-- performance, in the same transaction. SQL Server servers poll it;
-- PostgreSQL servers are also told through NOTIFY.
create table booking.performance_versions (
    performance_id bigint primary key references catalog.performances,
    version bigint not null,
    changed_at timestamptz not null default now(),
    constraint performance_versions_positive check (version > 0)
);

create index performance_versions_changed_idx on booking.performance_versions (changed_at);
