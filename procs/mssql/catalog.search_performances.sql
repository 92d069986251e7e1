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
-- TODO: the group filter counts seats that are not booked, anywhere in the
-- house; seats held during someone's checkout still count as free, and
-- the seats need not be together.
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
    DECLARE @Words TABLE (
        show_id bigint NOT NULL,
        venue_id bigint NOT NULL,
        word nvarchar(200) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
        weight int NOT NULL
    );

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

    WITH candidates AS (
        SELECT
            p.performance_id,
            p.show_id,
            s.title,
            g.genre_id,
            g.name AS genre,
            v.venue_id,
            v.name AS venue_name,
            v.city,
            v.time_zone,
            CONVERT(nvarchar(3), v.currency) AS currency,
            p.starts_at,
            CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name) AS local_starts_at,
            s.duration_minutes
        FROM catalog.performances AS p
        JOIN catalog.shows AS s ON s.show_id = p.show_id
        JOIN catalog.genres AS g ON g.genre_id = s.genre_id
        JOIN catalog.venues AS v ON v.venue_id = p.venue_id
        JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
        WHERE p.status = N'scheduled'
          AND p.starts_at > SYSDATETIMEOFFSET()
          AND (NOT EXISTS (SELECT 1 FROM @Genres)
               OR s.genre_id IN (SELECT gi.genre_id FROM @Genres AS gi))
          AND (@VenueId IS NULL OR p.venue_id = @VenueId)
          AND (@City IS NULL OR v.city = TRIM(@City) COLLATE Latin1_General_100_CI_AI_SC)
    )
    SELECT DISTINCT c.show_id, c.venue_id
    INTO #pairs
    FROM candidates AS c;

    -- The words of each show and venue, with how much a hit counts.
    IF @TermCount > 0
        INSERT INTO @Words (show_id, venue_id, word, weight)
        SELECT pr.show_id, pr.venue_id, LOWER(w.[value]), f.weight
        FROM #pairs AS pr
        JOIN catalog.shows AS s ON s.show_id = pr.show_id
        JOIN catalog.genres AS g ON g.genre_id = s.genre_id
        JOIN catalog.venues AS v ON v.venue_id = pr.venue_id
        CROSS APPLY (
            VALUES
                (10, CONVERT(nvarchar(max), s.title)),
                (1, CONVERT(nvarchar(max), s.description)),
                (4, CONVERT(nvarchar(max), s.director)),
                (4, CONVERT(nvarchar(max), g.name)),
                (4, CONVERT(nvarchar(max), v.name)),
                (4, CONVERT(nvarchar(max), v.city)),
                (4, (
                    SELECT STRING_AGG(CONVERT(nvarchar(max), sc.person_name + N' ' + sc.role_name), N' ')
                    FROM catalog.show_cast AS sc
                    WHERE sc.show_id = s.show_id
                ))
        ) AS f (weight, body)
        CROSS APPLY STRING_SPLIT(TRANSLATE(ISNULL(f.body, N''), @Punctuation, @Blanks), N' ') AS w
        WHERE w.[value] <> N'' AND LEN(w.[value]) <= 200;

    WITH numbers AS (
        SELECT TOP (64) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS n
        FROM sys.all_objects
    ),
    vocabulary AS (
        SELECT DISTINCT w.word
        FROM @Words AS w
    ),
    -- Trigrams as pg_trgm makes them: two blanks before the word, one after.
    term_grams AS (
        SELECT DISTINCT t.term, SUBSTRING(N'  ' + t.term + N' ', nb.n, 3) AS gram
        FROM @Terms AS t
        JOIN numbers AS nb ON nb.n <= LEN(t.term) + 1
        WHERE LEN(t.term) >= 4
    ),
    word_grams AS (
        SELECT DISTINCT voc.word, SUBSTRING(N'  ' + voc.word + N' ', nb.n, 3) AS gram
        FROM vocabulary AS voc
        JOIN numbers AS nb ON nb.n <= LEN(voc.word) + 1
        WHERE LEN(voc.word) BETWEEN 4 AND 60
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
        JOIN vocabulary AS voc ON voc.word = gc.word
        JOIN @Terms AS t ON t.term = gc.term
        WHERE ABS(LEN(gc.word) - LEN(gc.term)) <= 3
    ),
    -- How well each search word matches each catalogue word: 1 exact,
    -- 0.8 prefix, else the trigram similarity for a likely typo.
    matches AS (
        SELECT t.term, voc.word,
            MAX(CASE
                WHEN voc.word = t.term THEN 1.0
                WHEN LEN(t.term) >= 2 AND LEFT(voc.word, LEN(t.term)) = t.term THEN 0.8
                ELSE ISNULL(sm.score, 0)
            END) AS quality
        FROM @Terms AS t
        CROSS JOIN vocabulary AS voc
        LEFT JOIN similarity AS sm ON sm.term = t.term AND sm.word = voc.word
        WHERE voc.word = t.term
           OR (LEN(t.term) >= 2 AND LEFT(voc.word, LEN(t.term)) = t.term)
           OR sm.score >= 0.4
        GROUP BY t.term, voc.word
    ),
    term_scores AS (
        SELECT w.show_id, w.venue_id, m.term, MAX(w.weight * m.quality) AS score
        FROM @Words AS w
        JOIN matches AS m ON m.word = w.word
        GROUP BY w.show_id, w.venue_id, m.term
    )
    SELECT ts.show_id, ts.venue_id, CONVERT(int, ROUND(SUM(ts.score) * 100, 0)) AS relevance
    INTO #hits
    FROM term_scores AS ts
    GROUP BY ts.show_id, ts.venue_id
    HAVING COUNT(*) = @TermCount;

    WITH candidates AS (
        SELECT
            p.performance_id,
            p.show_id,
            s.title,
            g.genre_id,
            g.name AS genre,
            v.venue_id,
            v.name AS venue_name,
            v.city,
            v.time_zone,
            CONVERT(nvarchar(3), v.currency) AS currency,
            p.starts_at,
            CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name) AS local_starts_at,
            s.duration_minutes
        FROM catalog.performances AS p
        JOIN #pairs AS pr ON pr.show_id = p.show_id AND pr.venue_id = p.venue_id
        JOIN catalog.shows AS s ON s.show_id = p.show_id
        JOIN catalog.genres AS g ON g.genre_id = s.genre_id
        JOIN catalog.venues AS v ON v.venue_id = p.venue_id
        JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
        WHERE p.status = N'scheduled'
          AND p.starts_at > SYSDATETIMEOFFSET()
          AND (NOT EXISTS (SELECT 1 FROM @Genres)
               OR s.genre_id IN (SELECT gi.genre_id FROM @Genres AS gi))
          AND (@VenueId IS NULL OR p.venue_id = @VenueId)
    ),
    found AS (
        SELECT
            c.*,
            ISNULL(h.relevance, 0) AS relevance,
            cap.capacity,
            cap.capacity - sold.seats AS seats_available,
            prices.price_from_cents,
            ISNULL(pop.tickets, 0) AS popularity
        FROM candidates AS c
        LEFT JOIN #hits AS h ON h.show_id = c.show_id AND h.venue_id = c.venue_id
        CROSS APPLY (
            SELECT COUNT(*) AS capacity
            FROM catalog.seats AS st
            WHERE st.venue_id = c.venue_id
        ) AS cap
        CROSS APPLY (
            SELECT COUNT(*) AS seats
            FROM booking.booked_seats AS bs
            WHERE bs.performance_id = c.performance_id
              AND bs.is_active = 1
        ) AS sold
        CROSS APPLY (
            SELECT MIN(pp.price_cents) AS price_from_cents
            FROM catalog.performance_prices AS pp
            WHERE pp.performance_id = c.performance_id
        ) AS prices
        CROSS APPLY (
            SELECT SUM(b.seat_count) AS tickets
            FROM booking.bookings AS b
            JOIN catalog.performances AS p2 ON p2.performance_id = b.performance_id
            WHERE p2.show_id = c.show_id
              AND b.status = N'confirmed'
        ) AS pop
        WHERE (@TermCount = 0 OR h.show_id IS NOT NULL)
          AND (@GroupSize IS NULL OR cap.capacity - sold.seats >= @GroupSize)
          AND (@DateFrom IS NULL OR CONVERT(date, c.local_starts_at) >= @DateFrom)
          AND (@DateTo IS NULL OR CONVERT(date, c.local_starts_at) <= @DateTo)
          AND (@TimeOfDay IS NULL
               OR (@TimeOfDay = N'matinee' AND CONVERT(time, c.local_starts_at) < '17:00')
               OR (@TimeOfDay = N'evening' AND CONVERT(time, c.local_starts_at) >= '17:00'))
          AND (@PriceMinCents IS NULL OR EXISTS (
                SELECT 1
                FROM catalog.performance_prices AS pp
                WHERE pp.performance_id = c.performance_id
                  AND pp.price_cents >= @PriceMinCents
                  AND pp.price_cents <= ISNULL(@PriceMaxCents, pp.price_cents)))
          AND (@PriceMaxCents IS NULL OR EXISTS (
                SELECT 1
                FROM catalog.performance_prices AS pp
                WHERE pp.performance_id = c.performance_id
                  AND pp.price_cents <= @PriceMaxCents
                  AND pp.price_cents >= ISNULL(@PriceMinCents, 0)))
    )
    SELECT
        f.performance_id,
        f.show_id,
        f.title,
        f.genre_id,
        f.genre,
        f.venue_id,
        f.venue_name,
        f.city,
        f.time_zone,
        f.currency,
        f.starts_at,
        f.local_starts_at,
        f.duration_minutes,
        f.capacity,
        f.seats_available,
        f.price_from_cents,
        f.relevance,
        f.popularity,
        COUNT_BIG(*) OVER () AS total_count
    FROM found AS f
    ORDER BY
        CASE WHEN @Sort = N'relevance' THEN f.relevance END DESC,
        CASE WHEN @Sort = N'popularity' THEN f.popularity END DESC,
        CASE WHEN @Sort = N'price' THEN f.price_from_cents END ASC,
        f.starts_at,
        f.performance_id
    OFFSET (@Page - 1) * @PageSize ROWS
    FETCH NEXT @PageSize ROWS ONLY
    OPTION (RECOMPILE);
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
