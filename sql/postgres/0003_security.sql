-- Security: failed logins, counted in the database so that every API
-- worker sees the same counts, and the idempotency keys of bookings, so a
-- retried booking request books nothing more.

-- Failed logins ----------------------------------------------------------

-- One row per refused login. Rows older than the counting window are
-- ignored by the routines and deleted by them as they go.
create table account.login_failures (
    login_failure_id bigint generated always as identity primary key,
    -- The login as typed, lower-cased: unknown names are counted too, so a
    -- limit never tells whether an account exists.
    login_key text not null,
    client_address text not null,
    failed_at timestamptz not null default now(),
    constraint login_failures_login_key_length check (char_length(login_key) between 1 and 254),
    constraint login_failures_client_address_length
        check (char_length(client_address) between 1 and 64)
);

create index login_failures_login_idx on account.login_failures (login_key, failed_at);
create index login_failures_client_idx on account.login_failures (client_address, failed_at);

comment on table account.login_failures is
    'Refused logins, per login name and client address, for the brute-force limits.';

-- Idempotent bookings ----------------------------------------------------

-- A client names each booking attempt with a key; a retry with the same key
-- gets the booking the first attempt made. The row is written in the
-- booking's own transaction, so a key exists exactly when its booking does.
create table booking.idempotency_keys (
    user_id bigint not null references account.users,
    idempotency_key text not null,
    -- SHA-256 (hex) of the request, so a key reused for another request is
    -- refused rather than answered with the wrong booking.
    request_hash char(64) not null,
    booking_id bigint references booking.bookings,
    created_at timestamptz not null default now(),
    constraint idempotency_keys_pkey primary key (user_id, idempotency_key),
    constraint idempotency_keys_key_format check (idempotency_key ~ '^[!-~]{1,100}$'),
    constraint idempotency_keys_hash_format check (request_hash ~ '^[0-9a-f]{64}$')
);

create index idempotency_keys_booking_idx on booking.idempotency_keys (booking_id);

comment on table booking.idempotency_keys is
    'Idempotency keys of booking requests and the booking each one made.';
