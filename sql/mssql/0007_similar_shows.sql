-- Similar shows at scale, the SQL Server twin of
-- sql/postgres/0007_similar_shows.sql: co-booking counts per pair of shows,
-- kept current by a trigger on booking.bookings, so
-- catalog.similar_performances reads a few dozen rows instead of every
-- booking. Tickets sold per show, its second ranking, are catalog.show_sales
-- (0006). Never edit this file once applied.
--
-- Co-booking counts are split into 16 shards, chosen per user and statement
-- by the lowest changed booking id % 16: bookings made at the same moment
-- have consecutive ids, so an on-sale rush for one show spreads its writes
-- over 16 rows instead of queueing on one. A count is the sum over its
-- shards. A cancellation takes its own booking's shard, so one shard of a
-- pair may go below zero while the sum cannot. These tables hold derived
-- numbers only, so they carry no foreign keys: checking one would lock the
-- show's row from every booking.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

-- Which shows each user holds confirmed bookings for, and how many.
CREATE TABLE booking.user_shows (
    user_id bigint NOT NULL,
    show_id bigint NOT NULL,
    bookings int NOT NULL,
    CONSTRAINT user_shows_pkey PRIMARY KEY (user_id, show_id),
    CONSTRAINT user_shows_bookings_positive CHECK (bookings > 0)
);
GO

-- Per pair of shows, how many users hold confirmed bookings for both (each
-- pair is stored both ways round).
CREATE TABLE booking.show_co_bookers (
    show_id bigint NOT NULL,
    other_show_id bigint NOT NULL,
    shard smallint NOT NULL,
    users int NOT NULL,
    CONSTRAINT show_co_bookers_pkey PRIMARY KEY (show_id, other_show_id, shard)
);
GO

-- Confirmed bookings coming in count; those going out (cancelled, changed
-- or deleted) count no more. Creating the trigger locks booking.bookings
-- until this migration commits, so no booking slips in before the counts
-- at the end of the file.
CREATE OR ALTER TRIGGER booking.tg_bookings__count_similar_shows
ON booking.bookings
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    -- An update that leaves a booking's user, show and status alone (of
    -- cancelled_at, say) comes in once and goes out once; the sums below
    -- cancel it out.
    DECLARE @Changes TABLE (
        booking_id bigint NOT NULL,
        user_id bigint NOT NULL,
        show_id bigint NOT NULL,
        delta int NOT NULL
    );

    INSERT INTO @Changes (booking_id, user_id, show_id, delta)
    SELECT c.booking_id, c.user_id, p.show_id, c.delta
    FROM (
        SELECT i.booking_id, i.user_id, i.performance_id, 1 AS delta
        FROM inserted AS i
        WHERE i.status = N'confirmed'
        UNION ALL
        SELECT d.booking_id, d.user_id, d.performance_id, -1
        FROM deleted AS d
        WHERE d.status = N'confirmed'
    ) AS c
    JOIN catalog.performances AS p ON p.performance_id = c.performance_id;

    IF @@ROWCOUNT = 0
        RETURN;

    -- Bookings per user and show, before and after; a row that reaches
    -- zero goes.
    DECLARE @UserShows TABLE (
        user_id bigint NOT NULL,
        show_id bigint NOT NULL,
        bookings_before int NOT NULL,
        bookings_after int NOT NULL,
        PRIMARY KEY (user_id, show_id)
    );

    INSERT INTO @UserShows (user_id, show_id, bookings_before, bookings_after)
    SELECT
        c.user_id,
        c.show_id,
        ISNULL(us.bookings, 0),
        ISNULL(us.bookings, 0) + c.bookings
    FROM (
        SELECT c.user_id, c.show_id, SUM(c.delta) AS bookings
        FROM @Changes AS c
        GROUP BY c.user_id, c.show_id
        HAVING SUM(c.delta) <> 0
    ) AS c
    LEFT JOIN booking.user_shows AS us WITH (UPDLOCK, HOLDLOCK)
        ON us.user_id = c.user_id AND us.show_id = c.show_id;

    MERGE booking.user_shows WITH (HOLDLOCK) AS us
    USING @UserShows AS d
        ON us.user_id = d.user_id AND us.show_id = d.show_id
    WHEN MATCHED AND d.bookings_after = 0 THEN
        DELETE
    WHEN MATCHED THEN
        UPDATE SET bookings = d.bookings_after
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (user_id, show_id, bookings)
        VALUES (d.user_id, d.show_id, d.bookings_after);

    DECLARE @Moved TABLE (
        user_id bigint NOT NULL,
        show_id bigint NOT NULL,
        was_booker int NOT NULL,
        is_booker int NOT NULL
    );

    INSERT INTO @Moved (user_id, show_id, was_booker, is_booker)
    SELECT
        d.user_id,
        d.show_id,
        CASE WHEN d.bookings_before > 0 THEN 1 ELSE 0 END,
        CASE WHEN d.bookings_after > 0 THEN 1 ELSE 0 END
    FROM @UserShows AS d
    WHERE (d.bookings_before > 0 AND d.bookings_after = 0)
       OR (d.bookings_before = 0 AND d.bookings_after > 0);

    IF @@ROWCOUNT = 0
        RETURN;

    -- These users start or stop being bookers of a show: every other show
    -- they book gains or loses co-bookers with it. Locking their rows after
    -- writing their shows above means that of two such changes of one user
    -- committing together, the second sees the first's show; other users
    -- never wait for it.
    DECLARE @Locked int;

    SELECT @Locked = COUNT(*)
    FROM account.users AS u WITH (UPDLOCK, ROWLOCK, HOLDLOCK)
    WHERE u.user_id IN (SELECT m.user_id FROM @Moved AS m);

    -- Each moved user's shows before and after this statement.
    DECLARE @Shows TABLE (
        user_id bigint NOT NULL,
        show_id bigint NOT NULL,
        shard smallint NOT NULL,
        was_booker int NOT NULL,
        is_booker int NOT NULL,
        PRIMARY KEY (user_id, show_id)
    );

    WITH shards AS (
        SELECT c.user_id, CONVERT(smallint, MIN(c.booking_id) % 16) AS shard
        FROM @Changes AS c
        WHERE c.user_id IN (SELECT m.user_id FROM @Moved AS m)
        GROUP BY c.user_id
    )
    INSERT INTO @Shows (user_id, show_id, shard, was_booker, is_booker)
    SELECT us.user_id, us.show_id, s.shard, ISNULL(m.was_booker, 1), 1
    FROM booking.user_shows AS us
    JOIN shards AS s ON s.user_id = us.user_id
    LEFT JOIN @Moved AS m ON m.user_id = us.user_id AND m.show_id = us.show_id
    UNION ALL
    SELECT m.user_id, m.show_id, s.shard, 1, 0
    FROM @Moved AS m
    JOIN shards AS s ON s.user_id = m.user_id
    WHERE m.is_booker = 0;

    WITH deltas AS (
        SELECT
            a.show_id,
            o.show_id AS other_show_id,
            a.shard,
            SUM(a.is_booker * o.is_booker - a.was_booker * o.was_booker) AS users
        FROM @Shows AS a
        JOIN @Shows AS o ON o.user_id = a.user_id AND o.show_id <> a.show_id
        GROUP BY a.show_id, o.show_id, a.shard
        HAVING SUM(a.is_booker * o.is_booker - a.was_booker * o.was_booker) <> 0
    )
    MERGE booking.show_co_bookers WITH (HOLDLOCK) AS cb
    USING deltas AS d
        ON cb.show_id = d.show_id
        AND cb.other_show_id = d.other_show_id
        AND cb.shard = d.shard
    WHEN MATCHED THEN
        UPDATE SET users = cb.users + d.users
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (show_id, other_show_id, shard, users)
        VALUES (d.show_id, d.other_show_id, d.shard, d.users);
END;
GO

-- TODO: moving a performance to another show (updating its show_id) leaves
-- its bookings counted for the old show; no procedure does that today, and a
-- trigger on catalog.performances would have to recount both shows.

-- Back-fill -------------------------------------------------------------------

INSERT INTO booking.user_shows (user_id, show_id, bookings)
SELECT b.user_id, p.show_id, COUNT(*)
FROM booking.bookings AS b
JOIN catalog.performances AS p ON p.performance_id = b.performance_id
WHERE b.status = N'confirmed'
GROUP BY b.user_id, p.show_id;

INSERT INTO booking.show_co_bookers (show_id, other_show_id, shard, users)
SELECT a.show_id, o.show_id, CONVERT(smallint, a.user_id % 16), COUNT(*)
FROM booking.user_shows AS a
JOIN booking.user_shows AS o ON o.user_id = a.user_id AND o.show_id <> a.show_id
GROUP BY a.show_id, o.show_id, a.user_id % 16;
GO
