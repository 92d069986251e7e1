-- Finds the best @SeatCount free seats together and holds them for the
-- user, replacing the user's other holds on the performance, in one step:
-- picks of one performance are made one at a time and the chosen seats are
-- locked (booking.lock_seats) before they are held, so two people asking at
-- the same moment never get the same seat, and nobody gets part of a group.
-- Together means consecutive seat numbers in one row of one section. Best
-- means: no single free seat left stranded between taken ones (or a row's
-- end) when another choice avoids it; accessible and companion seats kept
-- for those who ask for them; then section order (the price category),
-- closeness to the centre line x = 0, and to the stage (smallest y).
-- @SectionId: only that section, or NULL for any.
-- @Accessible: the group must hold a wheelchair space and, for two or more
-- seats, its companion seat; no split is offered instead (no_accessible_seats).
-- @AllowSplit: when no group fits, hold the best split instead of throwing
-- no_adjacent_seats, whose [details: {"seat_ids": [...]}] offer that split.
-- Throws validation_failed (50001), performance_not_found (50004),
-- performance_not_on_sale (50005), seat_count_out_of_range (50006),
-- user_not_found (50012), hold_limit_exceeded (50032),
-- no_adjacent_seats (50033), not_enough_seats (50034),
-- no_accessible_seats (50035), seat_taken (50009,
-- a booking took a chosen seat while it was being chosen; ask again).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.hold_best_seats
    @UserId bigint,
    @PerformanceId bigint,
    @SeatCount int,
    @SectionId bigint,
    @Accessible bit,
    @AllowSplit bit
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Free TABLE (
        seat_id bigint NOT NULL PRIMARY KEY,
        section_id bigint NOT NULL,
        sort_order int NOT NULL,
        row_label nvarchar(5) NOT NULL,
        seat_number int NOT NULL,
        x decimal(7, 2) NOT NULL,
        y decimal(7, 2) NOT NULL,
        is_accessible bit NOT NULL,
        is_companion bit NOT NULL,
        island int NOT NULL
    );
    DECLARE @Chosen TABLE (seat_id bigint NOT NULL PRIMARY KEY);
    -- Neighbours further apart than this (in seat widths) have an aisle
    -- between them.
    DECLARE @VenueId bigint;
    DECLARE @Status nvarchar(20);
    DECLARE @StartsAt datetimeoffset(6);
    DECLARE @Limit int;
    DECLARE @Minutes int;
    DECLARE @FreeCount int;
    DECLARE @SpacesElsewhere int;
    DECLARE @Together bit = 1;
    DECLARE @Expires datetimeoffset(6);
    DECLARE @BestSection bigint;
    DECLARE @BestRow nvarchar(5);
    DECLARE @BestFirst int;
    DECLARE @Message nvarchar(2048);
    DECLARE @Resource nvarchar(255);
    DECLARE @Locked int;
    DECLARE @ChosenIds nvarchar(max);

    SET @Accessible = COALESCE(@Accessible, 0);
    SET @AllowSplit = COALESCE(@AllowSplit, 0);

    IF @SeatCount IS NULL OR @SeatCount NOT BETWEEN 1 AND 10
        THROW 50006, N'A booking has between 1 and 10 seats.', 1;

    IF NOT EXISTS (SELECT 1 FROM account.users AS u WHERE u.user_id = @UserId)
        THROW 50012, N'No such user.', 1;

    BEGIN TRY
        BEGIN TRANSACTION;

        SELECT @VenueId = p.venue_id, @Status = p.status, @StartsAt = p.starts_at
        FROM catalog.performances AS p
        WHERE p.performance_id = @PerformanceId;

        IF @VenueId IS NULL
            THROW 50004, N'No such performance.', 1;

        IF @Status <> N'scheduled' OR @StartsAt <= SYSDATETIMEOFFSET()
            THROW 50005, N'This performance is not on sale.', 1;

        IF @SectionId IS NOT NULL AND NOT EXISTS (
            SELECT 1
            FROM catalog.sections AS sc
            WHERE sc.section_id = @SectionId
              AND sc.venue_id = @VenueId
        )
            THROW 50001, N'That section is not in this performance''s venue. [details: {"fields": {"section_id": "not in this venue"}}]', 1;

        SELECT
            @Limit = MAX(CASE WHEN hs.setting_name = N'max_held_seats' THEN hs.setting_value END),
            @Minutes = MAX(CASE WHEN hs.setting_name = N'hold_minutes' THEN hs.setting_value END)
        FROM booking.hold_settings AS hs;

        SET @Limit = COALESCE(@Limit, 10);
        SET @Minutes = COALESCE(@Minutes, 10);

        IF @SeatCount > @Limit
        BEGIN
            SET @Message = CONCAT(
                N'You can hold at most ', @Limit, N' seats of one performance. ',
                N'[details: {"limit": ', @Limit, N'}]');

            THROW 50032, @Message, 1;
        END;

        -- Fewer seats left in the whole house than asked for is said at
        -- once, without waiting for the picks' turn: after a sell-out,
        -- everyone still asking is told so without queueing behind one
        -- another. The kept counts (every seat of the venue) less the
        -- others' holds rule it out cheaply on every other pick; when they
        -- do not, the free seats are counted as the pick counts them, and a
        -- pick is made after all if a cancellation freed enough in between.
        -- A section or wheelchair space that is sold out while the house is
        -- not, or a house whose unpriced sections still count as seats, is
        -- found so in the picks' turn. Under locking read committed these
        -- reads wait for a booking or pick writing the same rows to commit,
        -- but never for the picks queued behind it.
        SELECT @FreeCount = SUM(c.capacity - c.booked)
        FROM booking.seat_counts AS c
        WHERE c.performance_id = @PerformanceId;

        SET @FreeCount = @FreeCount - (
            SELECT COUNT(*)
            FROM booking.seat_holds AS h
            WHERE h.performance_id = @PerformanceId
              AND h.user_id <> @UserId
              AND h.expires_at > SYSDATETIMEOFFSET()
        );

        IF @FreeCount < @SeatCount
        BEGIN
            SELECT @FreeCount = COUNT(*)
            FROM catalog.performance_prices AS pp
            JOIN catalog.seat_layout AS st
                ON st.venue_id = @VenueId
               AND st.section_id = pp.section_id
            WHERE pp.performance_id = @PerformanceId
              AND (@SectionId IS NULL OR pp.section_id = @SectionId)
              AND NOT EXISTS (
                  SELECT 1
                  FROM booking.booked_seats AS bs
                  WHERE bs.performance_id = @PerformanceId
                    AND bs.seat_id = st.seat_id
                    AND bs.is_active = 1
              )
              AND NOT EXISTS (
                  SELECT 1
                  FROM booking.seat_holds AS h
                  WHERE h.performance_id = @PerformanceId
                    AND h.seat_id = st.seat_id
                    AND h.user_id <> @UserId
                    AND h.expires_at > SYSDATETIMEOFFSET()
              );

            IF @FreeCount < @SeatCount
            BEGIN
                SET @Message = CONCAT(
                    N'There are not that many free seats left. [details: {"available": ',
                    @FreeCount, N'}]');

                THROW 50034, @Message, 1;
            END;
        END;

        -- Picks of one performance are made one at a time, each from what
        -- the previous one committed; then one change of this user's holds
        -- at a time.
        SET @Resource = CONCAT(N'picks:', @PerformanceId);

        EXEC @Locked = sys.sp_getapplock
            @Resource = @Resource, @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = -1;

        IF @Locked >= 0
        BEGIN
            SET @Resource = CONCAT(N'holds:', @PerformanceId, N':', @UserId);

            EXEC @Locked = sys.sp_getapplock
                @Resource = @Resource, @LockMode = N'Exclusive',
                @LockOwner = N'Transaction', @LockTimeout = -1;
        END;

        IF @Locked < 0
            THROW 50009, N'Someone else is booking these seats just now; try again.', 1;

        -- Free seats: on sale, not booked, not held by anyone else (the
        -- user's own holds are replaced by this pick). Runs of consecutive
        -- numbers in a row share an island number, and an aisle (a new
        -- block of catalog.seat_layout) always starts a new one.
        INSERT INTO @Free
            (seat_id, section_id, sort_order, row_label, seat_number, x, y,
             is_accessible, is_companion, island)
        SELECT
            st.seat_id,
            st.section_id,
            sc.sort_order,
            st.row_label,
            st.seat_number,
            st.x,
            st.y,
            st.is_accessible,
            st.is_companion,
            st.block * 100000 + st.seat_number - CONVERT(int, ROW_NUMBER() OVER (
                PARTITION BY st.section_id, st.row_label, st.block
                ORDER BY st.seat_number))
        -- Each seat with its block between aisles, read from the index in
        -- pick order (catalog.seat_layout).
        FROM catalog.seat_layout AS st
        JOIN catalog.sections AS sc ON sc.section_id = st.section_id
        JOIN catalog.performance_prices AS pp
            ON pp.section_id = st.section_id
           AND pp.performance_id = @PerformanceId
        WHERE st.venue_id = @VenueId
          AND (@SectionId IS NULL OR st.section_id = @SectionId)
          AND NOT EXISTS (
              SELECT 1
              FROM booking.booked_seats AS bs
              WHERE bs.performance_id = @PerformanceId
                AND bs.seat_id = st.seat_id
                AND bs.is_active = 1
          )
          AND NOT EXISTS (
              SELECT 1
              FROM booking.seat_holds AS h
              WHERE h.performance_id = @PerformanceId
                AND h.seat_id = st.seat_id
                AND h.user_id <> @UserId
                AND h.expires_at > SYSDATETIMEOFFSET()
          );

        SET @FreeCount = (SELECT COUNT(*) FROM @Free);

        IF @FreeCount < @SeatCount
        BEGIN
            SET @Message = CONCAT(
                N'There are not that many free seats left. [details: {"available": ',
                @FreeCount, N'}]');

            THROW 50034, @Message, 1;
        END;

        -- Every group of consecutive free seats, scored; the first is the best.
        WITH islands AS (
            SELECT
                f.section_id,
                f.row_label,
                f.island,
                MIN(f.seat_number) AS first_number,
                MAX(f.seat_number) AS last_number
            FROM @Free AS f
            GROUP BY f.section_id, f.row_label, f.island
        ),

        seat_groups AS (
            SELECT
                f.section_id,
                f.row_label,
                f.seat_number AS first_number,
                i.first_number AS island_first,
                i.last_number AS island_last
            FROM @Free AS f
            JOIN islands AS i
                ON i.section_id = f.section_id
               AND i.row_label = f.row_label
               AND i.island = f.island
            WHERE f.seat_number + @SeatCount - 1 <= i.last_number
        ),

        scored AS (
            SELECT
                g.section_id,
                g.row_label,
                g.first_number,
                CASE
                    WHEN g.first_number - g.island_first = 1
                        OR g.island_last - (g.first_number + @SeatCount - 1) = 1
                        THEN 1
                    ELSE 0
                END AS strands,
                MAX(CONVERT(int, f.is_accessible)) AS has_accessible,
                MAX(CONVERT(int, f.is_companion)) AS has_companion,
                MIN(f.sort_order) AS sort_order,
                ABS(AVG(f.x)) AS off_centre,
                MIN(f.y) AS depth
            FROM seat_groups AS g
            JOIN @Free AS f
                ON f.section_id = g.section_id
               AND f.row_label = g.row_label
               AND f.seat_number BETWEEN g.first_number AND g.first_number + @SeatCount - 1
            GROUP BY g.section_id, g.row_label, g.first_number, g.island_first, g.island_last
        )

        SELECT TOP (1)
            @BestSection = s.section_id,
            @BestRow = s.row_label,
            @BestFirst = s.first_number
        FROM scored AS s
        WHERE @Accessible = 0
           OR (s.has_accessible = 1 AND (s.has_companion = 1 OR @SeatCount = 1))
        ORDER BY
            s.strands,
            CASE
                WHEN @Accessible = 0 AND (s.has_accessible = 1 OR s.has_companion = 1) THEN 1
                ELSE 0
            END,
            s.sort_order,
            s.off_centre,
            s.depth,
            s.section_id,
            s.row_label,
            s.first_number;

        IF @BestFirst IS NOT NULL
            INSERT INTO @Chosen (seat_id)
            SELECT f.seat_id
            FROM @Free AS f
            WHERE f.section_id = @BestSection
              AND f.row_label = @BestRow
              AND f.seat_number BETWEEN @BestFirst AND @BestFirst + @SeatCount - 1;
        ELSE IF @Accessible = 1
        BEGIN
            -- A split never stands in for a wheelchair space. The details
            -- say how many are free where the user looked, and in the other
            -- sections when one was asked for: with none there, fewer seats
            -- would not help, but another section might.
            SET @FreeCount = (SELECT COUNT(*) FROM @Free AS f WHERE f.is_accessible = 1);
            SET @SpacesElsewhere = (
                SELECT COUNT(*)
                FROM catalog.seat_layout AS l
                JOIN catalog.performance_prices AS pp
                    ON pp.section_id = l.section_id
                   AND pp.performance_id = @PerformanceId
                WHERE l.venue_id = @VenueId
                  AND l.section_id <> @SectionId
                  AND l.is_accessible = 1
                  AND NOT EXISTS (
                      SELECT 1
                      FROM booking.booked_seats AS bs
                      WHERE bs.performance_id = @PerformanceId
                        AND bs.seat_id = l.seat_id
                        AND bs.is_active = 1
                  )
                  AND NOT EXISTS (
                      SELECT 1
                      FROM booking.seat_holds AS h
                      WHERE h.performance_id = @PerformanceId
                        AND h.seat_id = l.seat_id
                        AND h.user_id <> @UserId
                        AND h.expires_at > SYSDATETIMEOFFSET()
                  )
            );
            SET @Message = CONCAT(
                CASE
                    WHEN @FreeCount > 0 THEN CONCAT(
                        N'No wheelchair space is free with ', @SeatCount,
                        CASE WHEN @SeatCount = 1 THEN N' seat.' ELSE N' seats together.' END)
                    WHEN @SpacesElsewhere > 0 THEN N'No wheelchair space is free in this section.'
                    ELSE N'No wheelchair space is free.'
                END,
                N' [details: {"wheelchair_spaces_free": ', @FreeCount,
                N', "wheelchair_spaces_free_elsewhere": ', @SpacesElsewhere, N'}]');

            THROW 50035, @Message, 1;
        END
        ELSE
        BEGIN
            -- No group fits: the longest runs first, best placed first,
            -- each giving its first seats until there are enough.
            SET @Together = 0;

            WITH islands AS (
                SELECT
                    f.section_id,
                    f.row_label,
                    f.island,
                    COUNT(*) AS seats,
                    MIN(f.sort_order) AS sort_order,
                    ABS(AVG(f.x)) AS off_centre,
                    MIN(f.y) AS depth
                FROM @Free AS f
                GROUP BY f.section_id, f.row_label, f.island
            ),

            ranked AS (
                SELECT
                    i.section_id,
                    i.row_label,
                    i.island,
                    COALESCE(SUM(i.seats) OVER (
                        ORDER BY i.seats DESC, i.sort_order, i.depth, i.off_centre,
                            i.section_id, i.row_label, i.island
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS taken_before
                FROM islands AS i
            ),

            numbered AS (
                SELECT
                    f.seat_id,
                    f.section_id,
                    f.row_label,
                    f.island,
                    ROW_NUMBER() OVER (
                        PARTITION BY f.section_id, f.row_label, f.island
                        ORDER BY f.seat_number) AS n
                FROM @Free AS f
            )

            INSERT INTO @Chosen (seat_id)
            SELECT nb.seat_id
            FROM ranked AS r
            JOIN numbered AS nb
                ON nb.section_id = r.section_id
               AND nb.row_label = r.row_label
               AND nb.island = r.island
            WHERE r.taken_before < @SeatCount
              AND nb.n <= @SeatCount - r.taken_before;

            IF @AllowSplit = 0
            BEGIN
                SELECT @Message = CONCAT(
                    N'There are not ', @SeatCount,
                    N' seats together; the best split is offered. [details: {"seat_ids": [',
                    STRING_AGG(CONVERT(nvarchar(20), c.seat_id), N', ')
                        WITHIN GROUP (ORDER BY c.seat_id),
                    N']}]')
                FROM @Chosen AS c;

                THROW 50033, @Message, 1;
            END;
        END;

        -- A booking of some of these seats may have been under way while
        -- they were chosen: lock them, then look again. Losing that race is
        -- rare and reported as seat_taken, which the caller may ask again.
        SET @ChosenIds = (
            SELECT CONCAT(N'[', STRING_AGG(CONVERT(nvarchar(20), c.seat_id), N','), N']')
            FROM @Chosen AS c
        );

        EXEC booking.lock_seats @PerformanceId = @PerformanceId, @SeatIds = @ChosenIds;

        IF EXISTS (
            SELECT 1
            FROM @Chosen AS c
            JOIN booking.booked_seats AS bs WITH (READCOMMITTEDLOCK)
                ON bs.performance_id = @PerformanceId
               AND bs.seat_id = c.seat_id
               AND bs.is_active = 1
        ) OR EXISTS (
            SELECT 1
            FROM @Chosen AS c
            JOIN booking.seat_holds AS h WITH (READCOMMITTEDLOCK)
                ON h.performance_id = @PerformanceId
               AND h.seat_id = c.seat_id
               AND h.user_id <> @UserId
               AND h.expires_at > SYSDATETIMEOFFSET()
        )
            THROW 50009, N'Those seats were taken just now; ask again.', 1;

        SET @Expires = DATEADD(minute, @Minutes, SYSDATETIMEOFFSET());

        DELETE h
        FROM booking.seat_holds AS h
        WHERE h.performance_id = @PerformanceId
          AND h.user_id = @UserId;

        -- Expired holds of others on the chosen seats are overwritten.
        DELETE h
        FROM booking.seat_holds AS h
        JOIN @Chosen AS c ON c.seat_id = h.seat_id
        WHERE h.performance_id = @PerformanceId;

        INSERT INTO booking.seat_holds
            (performance_id, venue_id, seat_id, user_id, held_at, expires_at)
        SELECT @PerformanceId, @VenueId, c.seat_id, @UserId, SYSDATETIMEOFFSET(), @Expires
        FROM @Chosen AS c
        ORDER BY c.seat_id;

        -- Open seat maps learn of the change (booking.record_change).
        EXEC booking.record_change @PerformanceId = @PerformanceId;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;

    SELECT
        st.seat_id,
        st.section_id,
        st.row_label,
        st.seat_number,
        pp.price_cents,
        @Expires AS expires_at,
        CONVERT(int, CEILING(
            DATEDIFF_BIG(millisecond, SYSDATETIMEOFFSET(), @Expires) / 1000.0)) AS seconds_left,
        @Together AS together
    FROM @Chosen AS c
    JOIN catalog.seats AS st ON st.seat_id = c.seat_id
    JOIN catalog.sections AS sc ON sc.section_id = st.section_id
    JOIN catalog.performance_prices AS pp
        ON pp.section_id = st.section_id
       AND pp.performance_id = @PerformanceId
    ORDER BY sc.sort_order, st.row_label, st.seat_number;
END;
GO

DECLARE @Description sql_variant =
    N'Finds the best N free seats together (or, if accepted, the best split) '
    + N'and holds them, atomically.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'hold_best_seats', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'hold_best_seats';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'hold_best_seats';
GO
