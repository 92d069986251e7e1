-- Seats booked per performance, and the venue's capacity beside them,
-- kept by triggers: the SQL Server twin of sql/postgres/0016_seat_counts.sql.
--
-- A search for performances with room for a group counted the booked seats
-- of every candidate. Now the performances too full for a group are found
-- from the kept counts, and only those are left out.
--
-- A performance's counts live in one row (entry 0), created with the
-- performance. A booking adds its seats to that row unless another
-- transaction holds it (READPAST passes over it); then the seats go to a
-- new row of their own (entries numbered from a sequence) instead of
-- waiting, so bookings of one performance still commit side by side in a
-- rush. A change that gets entry 0 folds into it the other committed rows
-- of the performance that no one holds. Seats booked are the sum of a
-- performance's rows; the capacity is kept on entry 0 only (0 on the
-- others).
-- TODO: PostgreSQL makes performances added, moved or removed and changes
-- to seats take turns, and refuses changes the counts are kept from above
-- READ COMMITTED; SQL Server relies on its locking reads for the first and
-- does neither yet, so a performance added while seats of its venue change
-- in another transaction could count the seats without that change.
-- TODO: TRUNCATE TABLE runs no triggers in SQL Server, so emptying
-- booking.booked_seats that way (no foreign key stops it) leaves the
-- counts as they were; DELETE keeps them right.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE SEQUENCE booking.seat_count_entries AS bigint START WITH 1;
GO

CREATE TABLE booking.seat_counts (
    performance_id bigint NOT NULL,
    entry bigint NOT NULL,
    capacity int NOT NULL,
    booked int NOT NULL,
    CONSTRAINT seat_counts_pkey PRIMARY KEY (performance_id, entry),
    CONSTRAINT seat_counts_performance_id_fkey FOREIGN KEY (performance_id)
        REFERENCES catalog.performances (performance_id) ON DELETE CASCADE,
    CONSTRAINT seat_counts_entry_not_negative CHECK (entry >= 0),
    CONSTRAINT seat_counts_capacity_on_main_row CHECK (entry = 0 OR capacity = 0)
);
GO

-- The performances whose counts are spread over more than one row.
CREATE INDEX seat_counts_spread_idx
    ON booking.seat_counts (performance_id) WHERE entry <> 0;
GO

CREATE TYPE internal.seat_count_changes AS TABLE (
    performance_id bigint NOT NULL PRIMARY KEY,
    seats int NOT NULL
);
GO

-- Adds booked seats to (or, when negative, takes them from) the
-- performances' counts, without waiting for a row another transaction holds.
CREATE OR ALTER PROCEDURE internal.add_seats_booked
    @Changes internal.seat_count_changes READONLY
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Main TABLE (performance_id bigint NOT NULL PRIMARY KEY);
    DECLARE @Folded TABLE (performance_id bigint NOT NULL, booked int NOT NULL);

    -- The main rows no one else holds. READPAST works at READ COMMITTED
    -- (level 2) only; a session at another level only adds rows of its own.
    DECLARE @Isolation smallint;
    SELECT @Isolation = s.transaction_isolation_level
    FROM sys.dm_exec_sessions AS s
    WHERE s.session_id = @@SPID;

    IF @Isolation = 2
        UPDATE sc
        SET sc.booked = sc.booked + c.seats
        OUTPUT inserted.performance_id INTO @Main
        FROM booking.seat_counts AS sc WITH (UPDLOCK, ROWLOCK, READPAST)
        JOIN @Changes AS c ON c.performance_id = sc.performance_id
        WHERE sc.entry = 0 AND c.seats <> 0;

    -- The rest go to new rows, whose keys no one else has.
    INSERT INTO booking.seat_counts (performance_id, entry, capacity, booked)
    SELECT c.performance_id, NEXT VALUE FOR booking.seat_count_entries, 0, c.seats
    FROM @Changes AS c
    WHERE c.seats <> 0
      AND NOT EXISTS (SELECT 1 FROM @Main AS m WHERE m.performance_id = c.performance_id);

    IF NOT EXISTS (SELECT 1 FROM @Main)
        RETURN;

    -- Committed rows of the performances whose main row this transaction
    -- holds, and that no one else holds, fold into the main row.
    DELETE x
    OUTPUT deleted.performance_id, deleted.booked INTO @Folded
    FROM booking.seat_counts AS x WITH (UPDLOCK, ROWLOCK, READPAST)
    JOIN @Main AS m ON m.performance_id = x.performance_id
    WHERE x.entry <> 0;

    UPDATE sc
    SET sc.booked = sc.booked + f.booked
    FROM booking.seat_counts AS sc
    JOIN (
        SELECT fo.performance_id, SUM(fo.booked) AS booked
        FROM @Folded AS fo
        GROUP BY fo.performance_id
    ) AS f ON f.performance_id = sc.performance_id
    WHERE sc.entry = 0;
END;
GO

-- Active booked seats coming in count; those going out (released, changed
-- or deleted) count no more.
CREATE OR ALTER TRIGGER booking.tg_booked_seats__count_seats_booked
ON booking.booked_seats
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @Changes internal.seat_count_changes;

    INSERT INTO @Changes (performance_id, seats)
    SELECT c.performance_id, SUM(c.seats)
    FROM (
        SELECT i.performance_id, 1 AS seats FROM inserted AS i WHERE i.is_active = 1
        UNION ALL
        SELECT d.performance_id, -1 FROM deleted AS d WHERE d.is_active = 1
    ) AS c
    GROUP BY c.performance_id
    HAVING SUM(c.seats) <> 0;

    IF EXISTS (SELECT 1 FROM @Changes)
        EXEC internal.add_seats_booked @Changes = @Changes;
END;
GO

-- A new performance starts with its main row, holding its venue's seats,
-- so that its first bookings have a row to add to; a performance moved to
-- another venue takes that venue's seats.
CREATE OR ALTER TRIGGER catalog.tg_performances__keep_seat_counts
ON catalog.performances
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    INSERT INTO booking.seat_counts (performance_id, entry, capacity, booked)
    SELECT
        i.performance_id,
        0,
        (SELECT COUNT(*) FROM catalog.seats AS st WHERE st.venue_id = i.venue_id),
        0
    FROM inserted AS i
    WHERE NOT EXISTS (SELECT 1 FROM deleted AS d WHERE d.performance_id = i.performance_id);

    UPDATE sc
    SET sc.capacity = (SELECT COUNT(*) FROM catalog.seats AS st WHERE st.venue_id = i.venue_id)
    FROM booking.seat_counts AS sc
    JOIN inserted AS i ON i.performance_id = sc.performance_id
    JOIN deleted AS d ON d.performance_id = i.performance_id
    WHERE sc.entry = 0 AND i.venue_id <> d.venue_id;
END;
GO

-- Seats added to a venue, taken from it or moved to another change the
-- capacity of the venue's performances: counted again, not added to, as a
-- performance added by the same statement has already counted them.
CREATE OR ALTER TRIGGER catalog.tg_seats__keep_capacity
ON catalog.seats
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    WITH changed AS (
        SELECT i.venue_id FROM inserted AS i
        UNION
        SELECT d.venue_id FROM deleted AS d
    ),
    counted AS (
        SELECT c.venue_id, COUNT(st.seat_id) AS seats
        FROM changed AS c
        LEFT JOIN catalog.seats AS st ON st.venue_id = c.venue_id
        GROUP BY c.venue_id
    )
    UPDATE sc
    SET sc.capacity = c.seats
    FROM booking.seat_counts AS sc
    JOIN catalog.performances AS p ON p.performance_id = sc.performance_id
    JOIN counted AS c ON c.venue_id = p.venue_id
    WHERE sc.entry = 0 AND sc.capacity <> c.seats;
END;
GO

-- Back-fill -------------------------------------------------------------------

INSERT INTO booking.seat_counts (performance_id, entry, capacity, booked)
SELECT
    p.performance_id,
    0,
    ISNULL(cap.seats, 0),
    ISNULL(b.seats, 0)
FROM catalog.performances AS p
LEFT JOIN (
    SELECT st.venue_id, COUNT(*) AS seats
    FROM catalog.seats AS st
    GROUP BY st.venue_id
) AS cap ON cap.venue_id = p.venue_id
LEFT JOIN (
    SELECT bs.performance_id, COUNT(*) AS seats
    FROM booking.booked_seats AS bs
    WHERE bs.is_active = 1
    GROUP BY bs.performance_id
) AS b ON b.performance_id = p.performance_id;
GO
