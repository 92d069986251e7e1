-- Discovery and engagement: the extensions behind search, and the ranking
-- opt-out of each user. Routines live in procs/postgres.

-- Extensions get a schema of their own, so routines name them explicitly
-- (their search_path holds only pg_catalog and pg_temp).
create schema extensions;

comment on schema extensions is 'Extensions used by the routines: pg_trgm, unaccent, fuzzystrmatch.';

create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;
create extension if not exists fuzzystrmatch with schema extensions;

-- A user who opts out is left out of every leaderboard and ranking report.
alter table account.users add column ranking_opt_out boolean not null default false;

-- Patterns and co-booking counts read confirmed bookings by performance and user.
create index bookings_status_created_idx on booking.bookings (status, created_at);
