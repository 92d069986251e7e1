-- Security, the SQL Server twin of sql/postgres/0003_security.sql: failed
-- logins, counted in the database so that every API worker sees the same
-- counts, and the idempotency keys of bookings, so a retried booking
-- request books nothing more.
-- The deploy tools run every batch of this file in one transaction and
-- record it in meta.schema_migrations. Never edit it once applied.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

-- Failed logins ----------------------------------------------------------

-- One row per refused login. Rows older than the counting window are
-- ignored by the procedures and deleted by them as they go.
CREATE TABLE account.login_failures (
    login_failure_id bigint IDENTITY (1, 1) NOT NULL,
    -- The login as typed, lower-cased: unknown names are counted too, so a
    -- limit never tells whether an account exists.
    login_key nvarchar(254) COLLATE Latin1_General_100_CI_AS_SC NOT NULL,
    client_address nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    failed_at datetimeoffset(6) NOT NULL
        CONSTRAINT login_failures_failed_at_default DEFAULT SYSDATETIMEOFFSET(),
    CONSTRAINT login_failures_pkey PRIMARY KEY (login_failure_id),
    CONSTRAINT login_failures_login_key_length CHECK (LEN(login_key) BETWEEN 1 AND 254),
    CONSTRAINT login_failures_client_address_length
        CHECK (LEN(client_address) BETWEEN 1 AND 64)
);

CREATE INDEX login_failures_login_idx ON account.login_failures (login_key, failed_at);

CREATE INDEX login_failures_client_idx ON account.login_failures (client_address, failed_at);
GO

-- Idempotent bookings ----------------------------------------------------

-- A client names each booking attempt with a key; a retry with the same key
-- gets the booking the first attempt made. The row is written in the
-- booking's own transaction, so a key exists exactly when its booking does.
-- Keys compare byte for byte (BIN2), as on PostgreSQL.
CREATE TABLE booking.idempotency_keys (
    user_id bigint NOT NULL,
    idempotency_key varchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    -- SHA-256 (hex) of the request, so a key reused for another request is
    -- refused rather than answered with the wrong booking.
    request_hash char(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    booking_id bigint NULL,
    created_at datetimeoffset(6) NOT NULL
        CONSTRAINT idempotency_keys_created_at_default DEFAULT SYSDATETIMEOFFSET(),
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (user_id, idempotency_key),
    CONSTRAINT idempotency_keys_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES account.users (user_id),
    CONSTRAINT idempotency_keys_booking_id_fkey FOREIGN KEY (booking_id)
        REFERENCES booking.bookings (booking_id),
    -- Visible ASCII only: ! (0x21) to ~ (0x7E), 1 to 100 of them.
    CONSTRAINT idempotency_keys_key_format CHECK (
        LEN(idempotency_key) BETWEEN 1 AND 100
        AND DATALENGTH(idempotency_key) = LEN(idempotency_key)
        AND idempotency_key NOT LIKE '%[^!-~]%'
    ),
    CONSTRAINT idempotency_keys_hash_format CHECK (
        DATALENGTH(request_hash) = 64 AND request_hash NOT LIKE '%[^0-9a-f]%'
    )
);

CREATE INDEX idempotency_keys_booking_idx ON booking.idempotency_keys (booking_id);
GO
