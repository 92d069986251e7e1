-- Searches upcoming scheduled performances with one text box and filters.
-- @Query: words matched against title, description, director, cast, genre,
--   venue and city; accents and case are ignored (CI_AI collation), and each
--   word may also match by prefix or with a typo (trigram similarity of at
--   least 0.4 to a catalogue word of 4 letters or more, computed here as
--   pg_trgm does on PostgreSQL). Every word must match somewhere.
--   NULL or blank: no text condition.
-- @GenreIds: a JSON array of genre ids (NULL or [] for all).
-- @VenueId, @City: optional; the city is compared without case or accents.
-- @DateFrom, @DateTo: local dates at the venue, both included.
-- @TimeOfDay: 'matinee' (local start before 17:00) or 'evening'.
-- @PriceMinCents, @PriceMaxCents: some section's price lies in range.
-- @GroupSize: at least this many seats still available (1 to 10).
-- @Sort: relevance, date, popularity or price.
-- The group filter counts the seats neither booked nor held in someone's
-- checkout, as seats_available does. TODO: they may be anywhere in the
-- house; the group is not promised seats together.
-- total_count repeats on each row: the number of rows over all pages.
-- Throws validation_failed (50001) for a bad filter, sort, page or size.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.search_performances
    @Query nvarchar(max),
    @GenreIds nvarchar(max),
    @VenueId bigint,
    @City nvarchar(200),
    @DateFrom date,
    @DateTo date,
    @TimeOfDay nvarchar(20),
    @PriceMinCents int,
    @PriceMaxCents int,
    @GroupSize int,
    @Sort nvarchar(20),
    @Page int,
    @PageSize int
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Punctuation nvarchar(64) =
        N',.;:!?''"()[]{}-_/\&+*#@%<>=|~^`' + NCHAR(8211) + NCHAR(8212) + NCHAR(8216)
        + NCHAR(8217) + NCHAR(8220) + NCHAR(8221) + NCHAR(8230) + NCHAR(9) + NCHAR(10)
        + NCHAR(13);
    DECLARE @Blanks nvarchar(64);
    DECLARE @IsArray bit = 1;
    DECLARE @TermCount int;
    DECLARE @Genres TABLE (genre_id bigint PRIMARY KEY);
    DECLARE @Terms TABLE (
        term nvarchar(60) COLLATE Latin1_General_100_CI_AI_SC PRIMARY KEY
    );
    DECLARE @Matches TABLE (
        term nvarchar(60) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
        word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
        quality decimal(20, 17) NOT NULL,
        PRIMARY KEY (term, word)
    );
    DECLARE @FirstTerm nvarchar(60);

    SET @Blanks = REPLICATE(N' ', LEN(@Punctuation));

    IF @Page IS NULL OR @Page NOT BETWEEN 1 AND 100000
        THROW 50001, N'page must be 1 or more. [details: {"fields": {"page": "invalid"}}]', 1;

    IF @PageSize IS NULL OR @PageSize NOT BETWEEN 1 AND 100
        THROW 50001, N'page_size must be between 1 and 100. [details: {"fields": {"page_size": "invalid"}}]', 1;

    IF @Sort IS NULL
        OR @Sort COLLATE Latin1_General_100_BIN2
            NOT IN (N'relevance', N'date', N'popularity', N'price')
        THROW 50001, N'sort must be one of relevance, date, popularity, price. [details: {"fields": {"sort": "invalid"}}]', 1;

    IF @TimeOfDay IS NOT NULL
        AND @TimeOfDay COLLATE Latin1_General_100_BIN2 NOT IN (N'matinee', N'evening')
        THROW 50001, N'time_of_day must be matinee or evening. [details: {"fields": {"time_of_day": "invalid"}}]', 1;

    IF @DateFrom IS NOT NULL AND @DateTo IS NOT NULL AND @DateFrom > @DateTo
        THROW 50001, N'date_from must not be after date_to. [details: {"fields": {"date_from": "invalid"}}]', 1;

    IF @PriceMinCents < 0 OR @PriceMaxCents < 0 OR @PriceMinCents > @PriceMaxCents
        THROW 50001, N'The price range must be two amounts, lowest first. [details: {"fields": {"price_min": "invalid"}}]', 1;

    IF @GroupSize IS NOT NULL AND @GroupSize NOT BETWEEN 1 AND 10
        THROW 50001, N'group_size must be between 1 and 10. [details: {"fields": {"group_size": "invalid"}}]', 1;

    IF @Query IS NOT NULL AND LEN(@Query) > 200
        THROW 50001, N'A search has at most 200 characters. [details: {"fields": {"q": "invalid"}}]', 1;

    IF @GenreIds IS NOT NULL
    BEGIN
        SET @IsArray = 0;

        IF ISJSON(@GenreIds) = 1
            SELECT @IsArray = CASE WHEN j.[type] = 4 THEN 1 ELSE 0 END
            FROM OPENJSON(N'[' + @GenreIds + N']') AS j
            WHERE j.[key] = N'0';

        IF @IsArray = 0
            THROW 50001, N'genre_ids must be a list of ids. [details: {"fields": {"genre_ids": "invalid"}}]', 1;

        IF EXISTS (
            SELECT 1
            FROM OPENJSON(@GenreIds) AS e
            WHERE e.[type] <> 2
               OR LEN(e.[value]) NOT BETWEEN 1 AND 18
               OR e.[value] COLLATE Latin1_General_100_BIN2 LIKE N'%[^0-9]%'
        )
            THROW 50001, N'genre_ids must be a list of ids. [details: {"fields": {"genre_ids": "invalid"}}]', 1;

        INSERT INTO @Genres (genre_id)
        SELECT DISTINCT CONVERT(bigint, e.[value])
        FROM OPENJSON(@GenreIds) AS e;
    END;

    -- At most eight distinct words, in the order they were typed.
    INSERT INTO @Terms (term)
    SELECT TOP (8) t.term
    FROM (
        SELECT
            CONVERT(nvarchar(60), LOWER(s.[value])) COLLATE Latin1_General_100_CI_AI_SC AS term,
            MIN(CHARINDEX(s.[value], TRANSLATE(@Query, @Punctuation, @Blanks))) AS first_seen
        FROM STRING_SPLIT(TRANSLATE(ISNULL(@Query, N''), @Punctuation, @Blanks), N' ') AS s
        WHERE s.[value] <> N''
        GROUP BY CONVERT(nvarchar(60), LOWER(s.[value])) COLLATE Latin1_General_100_CI_AI_SC
    ) AS t
    ORDER BY t.first_seen, t.term;

    SET @TermCount = (SELECT COUNT(*) FROM @Terms);
    SET @FirstTerm = (SELECT MIN(t.term) FROM @Terms AS t);

    -- Which catalogue words each search word matches, and how well: 1 exact,
    -- 0.8 prefix, else the trigram similarity for a likely typo. The
    -- vocabulary holds each word of every show and venue once.
    IF @TermCount > 0
        WITH numbers AS (
            SELECT TOP (64) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS n
            FROM sys.all_objects
        ),
        -- Trigrams as pg_trgm makes them: two blanks before the word, one after.
        term_grams AS (
            SELECT DISTINCT t.term, SUBSTRING(N'  ' + t.term + N' ', nb.n, 3) AS gram
            FROM @Terms AS t
            JOIN numbers AS nb ON nb.n <= LEN(t.term) + 1
            WHERE LEN(t.term) >= 4
        ),
        near_words AS (
            SELECT voc.word
            FROM catalog.search_vocabulary AS voc
            WHERE LEN(voc.word) BETWEEN 4 AND 60
              AND EXISTS (
                  SELECT 1
                  FROM @Terms AS t
                  WHERE LEN(t.term) >= 4 AND ABS(LEN(voc.word) - LEN(t.term)) <= 3
              )
        ),
        word_grams AS (
            SELECT DISTINCT nw.word, SUBSTRING(N'  ' + nw.word + N' ', nb.n, 3) AS gram
            FROM near_words AS nw
            JOIN numbers AS nb ON nb.n <= LEN(nw.word) + 1
        ),
        gram_counts AS (
            SELECT tg.term, wg.word, COUNT(*) AS shared
            FROM term_grams AS tg
            JOIN word_grams AS wg ON wg.gram = tg.gram
            GROUP BY tg.term, wg.word
        ),
        similarity AS (
            SELECT gc.term, gc.word,
                CONVERT(decimal(9, 6), gc.shared) / (
                    (SELECT COUNT(*) FROM term_grams AS a WHERE a.term = gc.term)
                    + (SELECT COUNT(*) FROM word_grams AS b WHERE b.word = gc.word)
                    - gc.shared
                ) AS score
            FROM gram_counts AS gc
            WHERE ABS(LEN(gc.word) - LEN(gc.term)) <= 3
        )
        INSERT INTO @Matches (term, word, quality)
        SELECT t.term, voc.word,
            MAX(CASE
                WHEN voc.word = t.term THEN 1.0
                WHEN LEN(t.term) >= 2 AND LEFT(voc.word, LEN(t.term)) = t.term THEN 0.8
                ELSE ISNULL(sm.score, 0)
            END)
        FROM @Terms AS t
        CROSS JOIN catalog.search_vocabulary AS voc
        LEFT JOIN similarity AS sm ON sm.term = t.term AND sm.word = voc.word
        WHERE voc.word = t.term
           OR (LEN(t.term) >= 2 AND LEFT(voc.word, LEN(t.term)) = t.term)
           OR sm.score >= 0.4
        GROUP BY t.term, voc.word;

    -- A show and venue pair is found when every search word matches one or
    -- the other; its relevance adds up each word's best hit.
    WITH show_hits AS (
        SELECT m.term, sw.show_id, MAX(sw.weight * m.quality) AS score
        FROM @Matches AS m
        JOIN catalog.show_search_words AS sw ON sw.word = m.word
        GROUP BY m.term, sw.show_id
    ),
    venue_hits AS (
        SELECT m.term, vw.venue_id, MAX(vw.weight * m.quality) AS score
        FROM @Matches AS m
        JOIN catalog.venue_search_words AS vw ON vw.word = m.word
        GROUP BY m.term, vw.venue_id
    ),
    -- Every pair that matches one of the search words, by its show or venue.
    pairs AS (
        SELECT sh.show_id, v.venue_id
        FROM show_hits AS sh
        CROSS JOIN catalog.venues AS v
        WHERE sh.term = @FirstTerm
        UNION
        SELECT s.show_id, vh.venue_id
        FROM venue_hits AS vh
        CROSS JOIN catalog.shows AS s
        WHERE vh.term = @FirstTerm
    )
    SELECT
        pr.show_id,
        pr.venue_id,
        CONVERT(int, ROUND(SUM(
            CASE WHEN vh.score IS NULL OR sh.score >= vh.score THEN sh.score ELSE vh.score END
        ) * 100, 0)) AS relevance
    INTO #hits
    FROM pairs AS pr
    CROSS JOIN @Terms AS t
    LEFT JOIN show_hits AS sh ON sh.term = t.term AND sh.show_id = pr.show_id
    LEFT JOIN venue_hits AS vh ON vh.term = t.term AND vh.venue_id = pr.venue_id
    WHERE sh.score IS NOT NULL OR vh.score IS NOT NULL
    GROUP BY pr.show_id, pr.venue_id
    HAVING COUNT(*) = @TermCount;

    -- Tickets sold per show for the popularity sort, read only when needed.
    SELECT ss.show_id, CONVERT(int, SUM(ss.tickets)) AS tickets
    INTO #sales
    FROM catalog.show_sales AS ss
    WHERE @Sort = N'popularity'
    GROUP BY ss.show_id;

    -- Seats held in someone's checkout, for the few performances that have
    -- any: read once.
    SELECT lh.performance_id, COUNT(*) AS seats
    INTO #held
    FROM booking.live_holds AS lh
    WHERE @GroupSize IS NOT NULL
    GROUP BY lh.performance_id;

    -- Performances with fewer seats left than the group: neither booked, by
    -- the counts kept per performance (booking.seat_counts), nor held, as a
    -- page's seats_available counts them. Those whose main row says so,
    -- those whose counts are spread over more rows during a rush, and those
    -- with seats held, added up.
    SELECT c.performance_id
    INTO #too_full
    FROM (
        SELECT sc.performance_id, SUM(sc.capacity) - SUM(sc.booked) AS seats_left
        FROM booking.seat_counts AS sc
        WHERE @GroupSize IS NOT NULL
          AND sc.performance_id IN (
              SELECT m.performance_id
              FROM booking.seat_counts AS m
              WHERE m.entry = 0 AND m.capacity - m.booked < @GroupSize
              UNION
              SELECT x.performance_id
              FROM booking.seat_counts AS x
              WHERE x.entry <> 0
              UNION
              SELECT hd.performance_id
              FROM #held AS hd
          )
        GROUP BY sc.performance_id
    ) AS c
    LEFT JOIN #held AS hd ON hd.performance_id = c.performance_id
    WHERE c.seats_left - ISNULL(hd.seats, 0) < @GroupSize;

    -- The order of the rows needs cheap values only; the page's rows then
    -- get their seats held and their sales.
    WITH candidates AS (
        SELECT
            p.performance_id,
            p.show_id,
            p.venue_id,
            p.starts_at,
            p.lowest_price_cents,
            p.highest_price_cents,
            -- Kept on the performance (migration 0018).
            p.local_starts_at,
            ISNULL(h.relevance, 0) AS relevance,
            h.show_id AS hit_show_id
        FROM catalog.performances AS p
        JOIN catalog.shows AS s ON s.show_id = p.show_id
        JOIN catalog.venues AS v ON v.venue_id = p.venue_id
        LEFT JOIN #hits AS h ON h.show_id = p.show_id AND h.venue_id = p.venue_id
        WHERE p.status = N'scheduled'
          AND p.starts_at > SYSDATETIMEOFFSET()
          AND (NOT EXISTS (SELECT 1 FROM @Genres)
               OR s.genre_id IN (SELECT gi.genre_id FROM @Genres AS gi))
          AND (@VenueId IS NULL OR p.venue_id = @VenueId)
          AND (@City IS NULL OR v.city = TRIM(@City) COLLATE Latin1_General_100_CI_AI_SC)
          -- Every zone is within a day of UTC: these two let the index
          -- narrow the start times before the local dates are compared.
          AND (@DateFrom IS NULL
               OR p.starts_at >= TODATETIMEOFFSET(DATEADD(day, -1, CONVERT(datetime2(6), @DateFrom)), 0))
          AND (@DateTo IS NULL
               OR p.starts_at < TODATETIMEOFFSET(DATEADD(day, 2, CONVERT(datetime2(6), @DateTo)), 0))
    ),
    found AS (
        SELECT
            c.performance_id,
            c.show_id,
            c.venue_id,
            c.starts_at,
            c.relevance,
            CASE WHEN @Sort = N'popularity' THEN ISNULL(sl.tickets, 0) END AS popularity,
            c.lowest_price_cents AS price_from_cents
        FROM candidates AS c
        LEFT JOIN #sales AS sl ON sl.show_id = c.show_id
        -- Text with no word in it (only emoji or punctuation) matches nothing.
        WHERE (LTRIM(RTRIM(ISNULL(@Query, N''))) = N'' OR c.hit_show_id IS NOT NULL)
          AND (@DateFrom IS NULL OR CONVERT(date, c.local_starts_at) >= @DateFrom)
          AND (@DateTo IS NULL OR CONVERT(date, c.local_starts_at) <= @DateTo)
          AND (@TimeOfDay IS NULL
               OR (@TimeOfDay = N'matinee' AND CONVERT(time, c.local_starts_at) < '17:00')
               OR (@TimeOfDay = N'evening' AND CONVERT(time, c.local_starts_at) >= '17:00'))
          -- Some section's price lies in the range: the range kept on the
          -- performance decides a bound given alone, and narrows the
          -- performances whose prices are looked at for both.
          AND (@PriceMinCents IS NULL OR c.highest_price_cents >= @PriceMinCents)
          AND (@PriceMaxCents IS NULL OR c.lowest_price_cents <= @PriceMaxCents)
          AND (@PriceMinCents IS NULL OR @PriceMaxCents IS NULL OR EXISTS (
                SELECT 1
                FROM catalog.performance_prices AS pp
                WHERE pp.performance_id = c.performance_id
                  AND pp.price_cents BETWEEN @PriceMinCents AND @PriceMaxCents))
          AND (@GroupSize IS NULL
               OR c.performance_id NOT IN (SELECT tf.performance_id FROM #too_full AS tf))
    )
    SELECT
        f.performance_id,
        f.show_id,
        f.venue_id,
        f.starts_at,
        f.relevance,
        f.popularity,
        f.price_from_cents,
        COUNT_BIG(*) OVER () AS total_count
    INTO #found
    FROM found AS f
    OPTION (RECOMPILE);

    SELECT
        pg.performance_id,
        pg.show_id,
        s.title,
        g.genre_id,
        g.name AS genre,
        v.venue_id,
        v.name AS venue_name,
        v.city,
        v.time_zone,
        CONVERT(nvarchar(3), v.currency) AS currency,
        pg.starts_at,
        CONVERT(datetime2(6), pg.starts_at AT TIME ZONE tz.windows_name) AS local_starts_at,
        s.duration_minutes,
        counts.capacity,
        counts.capacity - counts.booked - held.seats AS seats_available,
        pg.price_from_cents,
        pg.relevance,
        ISNULL(sales.tickets, 0) AS popularity,
        pg.total_count
    FROM (
        SELECT f.*
        FROM #found AS f
        ORDER BY
            CASE WHEN @Sort = N'relevance' THEN f.relevance END DESC,
            CASE WHEN @Sort = N'popularity' THEN f.popularity END DESC,
            -- Performances without prices last, as PostgreSQL sorts nulls.
            CASE WHEN @Sort = N'price' AND f.price_from_cents IS NULL THEN 1 ELSE 0 END,
            CASE WHEN @Sort = N'price' THEN f.price_from_cents END ASC,
            f.starts_at,
            f.performance_id
        OFFSET (@Page - 1) * @PageSize ROWS
        FETCH NEXT @PageSize ROWS ONLY
    ) AS pg
    JOIN catalog.shows AS s ON s.show_id = pg.show_id
    JOIN catalog.genres AS g ON g.genre_id = s.genre_id
    JOIN catalog.venues AS v ON v.venue_id = pg.venue_id
    JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
    CROSS APPLY (
        SELECT ISNULL(SUM(sc.capacity), 0) AS capacity, ISNULL(SUM(sc.booked), 0) AS booked
        FROM booking.seat_counts AS sc
        WHERE sc.performance_id = pg.performance_id
    ) AS counts
    CROSS APPLY (
        -- Seats held in someone's checkout are not available either, as on
        -- the dashboard and the performance's page.
        SELECT COUNT(*) AS seats
        FROM booking.live_holds AS h
        WHERE h.performance_id = pg.performance_id
    ) AS held
    OUTER APPLY (
        SELECT CONVERT(int, SUM(ss.tickets)) AS tickets
        FROM catalog.show_sales AS ss
        WHERE ss.show_id = pg.show_id
    ) AS sales
    ORDER BY
        CASE WHEN @Sort = N'relevance' THEN pg.relevance END DESC,
        CASE WHEN @Sort = N'popularity' THEN pg.popularity END DESC,
        CASE WHEN @Sort = N'price' AND pg.price_from_cents IS NULL THEN 1 ELSE 0 END,
        CASE WHEN @Sort = N'price' THEN pg.price_from_cents END ASC,
        pg.starts_at,
        pg.performance_id;
END;
GO

DECLARE @Description sql_variant =
    N'Accent-insensitive, typo-tolerant search of upcoming performances with filters, sorted and paged.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'search_performances', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'search_performances';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'search_performances';
GO
