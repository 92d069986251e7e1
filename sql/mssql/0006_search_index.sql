-- Search index, the SQL Server twin of sql/postgres/0006_search_index.sql:
-- the searchable words of every show and venue, worked out once when the
-- catalogue changes instead of on every search, the vocabulary of all those
-- words for typo lookup, and tickets sold per show for the popularity sort.
-- Triggers keep all of it current; this migration fills it for the
-- catalogue that is already there. Never edit this file once applied.
--
-- Words are stored in lower case with a CI_AI collation, so "sarbatoare"
-- and "sărbătoare" are one word, as unaccent makes them on PostgreSQL.
-- There is no trigram index here: catalog.search_performances computes
-- trigrams over the vocabulary, which holds each distinct word once.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

-- The helpers behind the triggers live apart from the procedures that the
-- deploy re-creates from procs/manifest.txt (and drops when unlisted).
CREATE SCHEMA internal;
GO

EXEC sys.sp_addextendedproperty
    @name = N'MS_Description',
    @value = N'Functions and procedures behind triggers that keep derived tables current; created by migrations only.',
    @level0type = N'SCHEMA', @level0name = N'internal';
GO

-- Each row keeps a word's highest weight in its show or venue: 10 title;
-- 4 director, genre, cast, venue name and city; 1 description.
CREATE TABLE catalog.show_search_words (
    show_id bigint NOT NULL,
    word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    weight int NOT NULL,
    CONSTRAINT show_search_words_pkey PRIMARY KEY (show_id, word),
    CONSTRAINT show_search_words_show_id_fkey FOREIGN KEY (show_id)
        REFERENCES catalog.shows (show_id) ON DELETE CASCADE,
    CONSTRAINT show_search_words_weight_positive CHECK (weight > 0)
);

CREATE INDEX show_search_words_word_idx ON catalog.show_search_words (word);

CREATE TABLE catalog.venue_search_words (
    venue_id bigint NOT NULL,
    word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    weight int NOT NULL,
    CONSTRAINT venue_search_words_pkey PRIMARY KEY (venue_id, word),
    CONSTRAINT venue_search_words_venue_id_fkey FOREIGN KEY (venue_id)
        REFERENCES catalog.venues (venue_id) ON DELETE CASCADE,
    CONSTRAINT venue_search_words_weight_positive CHECK (weight > 0)
);

CREATE INDEX venue_search_words_word_idx ON catalog.venue_search_words (word);

-- Every distinct word above, with how many show and venue rows hold it; a
-- word leaves when its last row does.
CREATE TABLE catalog.search_vocabulary (
    word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    uses int NOT NULL,
    CONSTRAINT search_vocabulary_pkey PRIMARY KEY (word),
    CONSTRAINT search_vocabulary_uses_not_negative CHECK (uses >= 0)
);

-- Tickets of confirmed bookings per show, spread over eight rows per show
-- (booking id modulo 8), so that bookings committing at the same moment
-- rarely wait for each other's row; readers add the rows up.
CREATE TABLE catalog.show_sales (
    show_id bigint NOT NULL,
    shard smallint NOT NULL,
    tickets bigint NOT NULL,
    CONSTRAINT show_sales_pkey PRIMARY KEY (show_id, shard),
    CONSTRAINT show_sales_show_id_fkey FOREIGN KEY (show_id)
        REFERENCES catalog.shows (show_id) ON DELETE CASCADE,
    CONSTRAINT show_sales_shard_range CHECK (shard BETWEEN 0 AND 7),
    CONSTRAINT show_sales_tickets_not_negative CHECK (tickets >= 0)
);
GO

-- A search finds show and venue pairs; this finds their upcoming
-- performances without reading the others of the show or the venue.
CREATE INDEX performances_show_venue_starts_idx
    ON catalog.performances (show_id, venue_id, starts_at)
    WHERE status = N'scheduled';
GO

-- The cheapest price of a performance, and whether some price lies in a
-- range, read from the index alone.
CREATE INDEX performance_prices_performance_price_idx
    ON catalog.performance_prices (performance_id, price_cents);
GO

-- Lists handed from a trigger to the procedure that does the work.
CREATE TYPE internal.id_list AS TABLE (
    id bigint NOT NULL PRIMARY KEY
);
GO

CREATE TYPE internal.word_counts AS TABLE (
    word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL PRIMARY KEY,
    uses int NOT NULL
);
GO

-- Tickets a booking adds to (positive) or takes from (negative) a show.
CREATE TYPE internal.ticket_changes AS TABLE (
    show_id bigint NOT NULL,
    booking_id bigint NOT NULL,
    tickets int NOT NULL
);
GO

-- Words of a text -----------------------------------------------------------

-- Lower case, split at spaces and common punctuation as
-- catalog.search_performances splits a search; words longer than 200
-- characters are left out (no search word is longer).
CREATE OR ALTER FUNCTION internal.search_words (@Body nvarchar(max))
RETURNS TABLE
AS
RETURN
    SELECT CONVERT(nvarchar(200), LOWER(w.[value])) COLLATE Latin1_General_100_CI_AI_SC AS word
    FROM (
        VALUES (
            N',.;:!?''"()[]{}-_/\&+*#@%<>=|~^`' + NCHAR(8211) + NCHAR(8212) + NCHAR(8216)
            + NCHAR(8217) + NCHAR(8220) + NCHAR(8221) + NCHAR(8230) + NCHAR(9) + NCHAR(10)
            + NCHAR(13)
        )
    ) AS p (punctuation)
    CROSS APPLY STRING_SPLIT(
        TRANSLATE(ISNULL(@Body, N''), p.punctuation, REPLICATE(N' ', LEN(p.punctuation))),
        N' '
    ) AS w
    WHERE w.[value] <> N'' AND LEN(w.[value]) <= 200;
GO

-- Works the words of these shows out again and stores only the difference.
CREATE OR ALTER PROCEDURE internal.index_shows
    @ShowIds internal.id_list READONLY
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Fresh TABLE (
        show_id bigint NOT NULL,
        word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
        weight int NOT NULL,
        PRIMARY KEY (show_id, word)
    );

    INSERT INTO @Fresh (show_id, word, weight)
    SELECT f.show_id, w.word, MAX(f.weight)
    FROM (
        SELECT s.show_id, b.weight, b.body
        FROM catalog.shows AS s
        JOIN @ShowIds AS i ON i.id = s.show_id
        JOIN catalog.genres AS g ON g.genre_id = s.genre_id
        CROSS APPLY (
            VALUES
                (10, CONVERT(nvarchar(max), s.title)),
                (1, CONVERT(nvarchar(max), s.description)),
                (4, CONVERT(nvarchar(max), s.director)),
                (4, CONVERT(nvarchar(max), g.name))
        ) AS b (weight, body)
        UNION ALL
        SELECT sc.show_id, 4, CONVERT(nvarchar(max), sc.person_name + N' ' + sc.role_name)
        FROM catalog.show_cast AS sc
        JOIN @ShowIds AS i ON i.id = sc.show_id
    ) AS f
    CROSS APPLY internal.search_words(f.body) AS w
    GROUP BY f.show_id, w.word;

    DELETE sw
    FROM catalog.show_search_words AS sw
    JOIN @ShowIds AS i ON i.id = sw.show_id
    WHERE NOT EXISTS (
        SELECT 1 FROM @Fresh AS f WHERE f.show_id = sw.show_id AND f.word = sw.word
    );

    UPDATE sw
    SET weight = f.weight
    FROM catalog.show_search_words AS sw
    JOIN @Fresh AS f ON f.show_id = sw.show_id AND f.word = sw.word
    WHERE sw.weight <> f.weight;

    INSERT INTO catalog.show_search_words (show_id, word, weight)
    SELECT f.show_id, f.word, f.weight
    FROM @Fresh AS f
    WHERE NOT EXISTS (
        SELECT 1
        FROM catalog.show_search_words AS sw
        WHERE sw.show_id = f.show_id AND sw.word = f.word
    );
END;
GO

CREATE OR ALTER PROCEDURE internal.index_venues
    @VenueIds internal.id_list READONLY
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Fresh TABLE (
        venue_id bigint NOT NULL,
        word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
        PRIMARY KEY (venue_id, word)
    );

    INSERT INTO @Fresh (venue_id, word)
    SELECT DISTINCT v.venue_id, w.word
    FROM catalog.venues AS v
    JOIN @VenueIds AS i ON i.id = v.venue_id
    CROSS APPLY (
        VALUES (CONVERT(nvarchar(max), v.name)), (CONVERT(nvarchar(max), v.city))
    ) AS b (body)
    CROSS APPLY internal.search_words(b.body) AS w;

    DELETE vw
    FROM catalog.venue_search_words AS vw
    JOIN @VenueIds AS i ON i.id = vw.venue_id
    WHERE NOT EXISTS (
        SELECT 1 FROM @Fresh AS f WHERE f.venue_id = vw.venue_id AND f.word = vw.word
    );

    INSERT INTO catalog.venue_search_words (venue_id, word, weight)
    SELECT f.venue_id, f.word, 4
    FROM @Fresh AS f
    WHERE NOT EXISTS (
        SELECT 1
        FROM catalog.venue_search_words AS vw
        WHERE vw.venue_id = f.venue_id AND vw.word = f.word
    );
END;
GO

-- Counts words in (positive uses) and out (negative); HOLDLOCK keeps a word
-- that another writer is adding from being removed under it.
CREATE OR ALTER PROCEDURE internal.count_vocabulary
    @Changes internal.word_counts READONLY
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    MERGE catalog.search_vocabulary WITH (HOLDLOCK) AS voc
    USING @Changes AS c
        ON voc.word = c.word
    WHEN MATCHED AND voc.uses + c.uses = 0 THEN
        DELETE
    WHEN MATCHED THEN
        UPDATE SET uses = voc.uses + c.uses
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (word, uses) VALUES (c.word, c.uses);
END;
GO

-- Adds tickets to (or, when negative, takes them from) the shows' shards.
CREATE OR ALTER PROCEDURE internal.add_show_sales
    @Changes internal.ticket_changes READONLY
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    WITH deltas AS (
        SELECT
            c.show_id,
            CONVERT(smallint, c.booking_id % 8) AS shard,
            SUM(CONVERT(bigint, c.tickets)) AS tickets
        FROM @Changes AS c
        GROUP BY c.show_id, c.booking_id % 8
        HAVING SUM(CONVERT(bigint, c.tickets)) <> 0
    )
    MERGE catalog.show_sales WITH (HOLDLOCK) AS ss
    USING deltas AS d
        ON ss.show_id = d.show_id AND ss.shard = d.shard
    WHEN MATCHED THEN
        UPDATE SET tickets = ss.tickets + d.tickets
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (show_id, shard, tickets) VALUES (d.show_id, d.shard, d.tickets);
END;
GO

-- Triggers on the catalogue -------------------------------------------------

CREATE OR ALTER TRIGGER catalog.tg_shows__index_search_words
ON catalog.shows
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @ShowIds internal.id_list;

    INSERT INTO @ShowIds (id)
    SELECT i.show_id
    FROM inserted AS i
    LEFT JOIN deleted AS d ON d.show_id = i.show_id
    WHERE d.show_id IS NULL
       OR i.title COLLATE Latin1_General_100_BIN2 <> d.title COLLATE Latin1_General_100_BIN2
       OR i.description COLLATE Latin1_General_100_BIN2
          <> d.description COLLATE Latin1_General_100_BIN2
       OR i.director COLLATE Latin1_General_100_BIN2 <> d.director COLLATE Latin1_General_100_BIN2
       OR i.genre_id <> d.genre_id;

    IF EXISTS (SELECT 1 FROM @ShowIds)
        EXEC internal.index_shows @ShowIds = @ShowIds;
END;
GO

CREATE OR ALTER TRIGGER catalog.tg_show_cast__index_search_words
ON catalog.show_cast
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @ShowIds internal.id_list;

    INSERT INTO @ShowIds (id)
    SELECT i.show_id FROM inserted AS i
    UNION
    SELECT d.show_id FROM deleted AS d;

    IF EXISTS (SELECT 1 FROM @ShowIds)
        EXEC internal.index_shows @ShowIds = @ShowIds;
END;
GO

CREATE OR ALTER TRIGGER catalog.tg_genres__index_search_words
ON catalog.genres
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @ShowIds internal.id_list;

    INSERT INTO @ShowIds (id)
    SELECT s.show_id
    FROM catalog.shows AS s
    JOIN inserted AS i ON i.genre_id = s.genre_id
    JOIN deleted AS d ON d.genre_id = i.genre_id
    WHERE i.name COLLATE Latin1_General_100_BIN2 <> d.name COLLATE Latin1_General_100_BIN2;

    IF EXISTS (SELECT 1 FROM @ShowIds)
        EXEC internal.index_shows @ShowIds = @ShowIds;
END;
GO

CREATE OR ALTER TRIGGER catalog.tg_venues__index_search_words
ON catalog.venues
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @VenueIds internal.id_list;

    INSERT INTO @VenueIds (id)
    SELECT i.venue_id
    FROM inserted AS i
    LEFT JOIN deleted AS d ON d.venue_id = i.venue_id
    WHERE d.venue_id IS NULL
       OR i.name COLLATE Latin1_General_100_BIN2 <> d.name COLLATE Latin1_General_100_BIN2
       OR i.city COLLATE Latin1_General_100_BIN2 <> d.city COLLATE Latin1_General_100_BIN2;

    IF EXISTS (SELECT 1 FROM @VenueIds)
        EXEC internal.index_venues @VenueIds = @VenueIds;
END;
GO

-- The vocabulary follows the word tables --------------------------------------

CREATE OR ALTER TRIGGER catalog.tg_show_search_words__count_vocabulary
ON catalog.show_search_words
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @Changes internal.word_counts;

    INSERT INTO @Changes (word, uses)
    SELECT c.word, SUM(c.uses)
    FROM (
        SELECT i.word, 1 AS uses FROM inserted AS i
        UNION ALL
        SELECT d.word, -1 FROM deleted AS d
    ) AS c
    GROUP BY c.word
    HAVING SUM(c.uses) <> 0;

    IF EXISTS (SELECT 1 FROM @Changes)
        EXEC internal.count_vocabulary @Changes = @Changes;
END;
GO

CREATE OR ALTER TRIGGER catalog.tg_venue_search_words__count_vocabulary
ON catalog.venue_search_words
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @Changes internal.word_counts;

    INSERT INTO @Changes (word, uses)
    SELECT c.word, SUM(c.uses)
    FROM (
        SELECT i.word, 1 AS uses FROM inserted AS i
        UNION ALL
        SELECT d.word, -1 FROM deleted AS d
    ) AS c
    GROUP BY c.word
    HAVING SUM(c.uses) <> 0;

    IF EXISTS (SELECT 1 FROM @Changes)
        EXEC internal.count_vocabulary @Changes = @Changes;
END;
GO

-- Tickets sold per show -------------------------------------------------------

-- Confirmed bookings coming in count; those going out (cancelled, changed
-- or deleted) count no more.
CREATE OR ALTER TRIGGER booking.tg_bookings__count_show_sales
ON booking.bookings
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @Changes internal.ticket_changes;

    INSERT INTO @Changes (show_id, booking_id, tickets)
    SELECT p.show_id, c.booking_id, c.tickets
    FROM (
        SELECT i.booking_id, i.performance_id, i.seat_count AS tickets
        FROM inserted AS i
        WHERE i.status = N'confirmed'
        UNION ALL
        SELECT d.booking_id, d.performance_id, -d.seat_count
        FROM deleted AS d
        WHERE d.status = N'confirmed'
    ) AS c
    JOIN catalog.performances AS p ON p.performance_id = c.performance_id;

    IF EXISTS (SELECT 1 FROM @Changes)
        EXEC internal.add_show_sales @Changes = @Changes;
END;
GO

-- A performance given to another show takes its tickets sold along.
CREATE OR ALTER TRIGGER catalog.tg_performances__move_show_sales
ON catalog.performances
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    IF NOT UPDATE(show_id)
        RETURN;

    DECLARE @Changes internal.ticket_changes;

    INSERT INTO @Changes (show_id, booking_id, tickets)
    SELECT x.show_id, b.booking_id, x.sign * b.seat_count
    FROM inserted AS i
    JOIN deleted AS d ON d.performance_id = i.performance_id
    JOIN booking.bookings AS b ON b.performance_id = i.performance_id
    CROSS APPLY (VALUES (i.show_id, 1), (d.show_id, -1)) AS x (show_id, sign)
    WHERE i.show_id <> d.show_id
      AND b.status = N'confirmed';

    IF EXISTS (SELECT 1 FROM @Changes)
        EXEC internal.add_show_sales @Changes = @Changes;
END;
GO

-- Back-fill -------------------------------------------------------------------

DECLARE @ShowIds internal.id_list;
DECLARE @VenueIds internal.id_list;

INSERT INTO @ShowIds (id)
SELECT s.show_id FROM catalog.shows AS s;

INSERT INTO @VenueIds (id)
SELECT v.venue_id FROM catalog.venues AS v;

EXEC internal.index_shows @ShowIds = @ShowIds;
EXEC internal.index_venues @VenueIds = @VenueIds;

INSERT INTO catalog.show_sales (show_id, shard, tickets)
SELECT p.show_id, CONVERT(smallint, b.booking_id % 8), SUM(CONVERT(bigint, b.seat_count))
FROM booking.bookings AS b
JOIN catalog.performances AS p ON p.performance_id = b.performance_id
WHERE b.status = N'confirmed'
GROUP BY p.show_id, b.booking_id % 8;
GO
