-- The leaderboard of users by confirmed bookings or by tickets over a
-- period, with the asking user's own row even when outside the top.
-- @Period: last_30_days, this_year (calendar year in UTC) or all_time.
-- @Metric: bookings or tickets (what the rank is by; ties share a rank).
-- @UserId: the asking user (NULL for none); is_current_user marks the row.
-- @Limit: how many top rows (1 to 100).
-- Users who opted out are not counted, shown or ranked. Display names only.
-- The leaderboard is read from the totals and score counts stored by
-- report.refresh_user_ranking, which works them out again when older than
-- report.ranking_settings.refresh_seconds: by one request, while the others
-- read the stored ones. Display names, opting out and opting back in take
-- effect at once (others' ranks follow at the next refresh); new bookings
-- count from the next refresh.
-- Throws validation_failed (50001) for a bad period, metric or limit, and
-- ranking_not_ready (50013) when the board has never been worked out and
-- another request is working it out.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE report.list_user_ranking
    @Period nvarchar(20),
    @Metric nvarchar(20),
    @UserId bigint,
    @Limit int
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Refresh int;
    DECLARE @RefreshedAt datetimeoffset(6);
    DECLARE @Resource nvarchar(255);
    DECLARE @Locked int;

    IF @Limit IS NULL OR @Limit NOT BETWEEN 1 AND 100
        THROW 50001, N'limit must be between 1 and 100. [details: {"fields": {"limit": "invalid"}}]', 1;

    SELECT @Refresh = rs.setting_value
    FROM report.ranking_settings AS rs
    WHERE rs.setting_name = N'refresh_seconds';

    SELECT @RefreshedAt = sn.refreshed_at
    FROM report.ranking_snapshots AS sn
    WHERE sn.period = @Period
      AND sn.metric = @Metric;

    -- A period or metric that is not known has never been worked out, so
    -- report.refresh_user_ranking gets to refuse it.
    IF @RefreshedAt IS NULL
        OR @RefreshedAt <= DATEADD(SECOND, -COALESCE(@Refresh, 30), SYSDATETIMEOFFSET())
    BEGIN
        SET @Resource = CONCAT(N'ranking:', @Period);

        BEGIN TRY
            BEGIN TRANSACTION;

            -- One request works it out; when due, the others read the old
            -- one. Never worked out, the others are told to come back rather
            -- than wait: a first board of a large database takes seconds, and
            -- requests waiting for it would hold every connection.
            EXEC @Locked = sys.sp_getapplock
                @Resource = @Resource, @LockMode = N'Exclusive',
                @LockOwner = N'Transaction', @LockTimeout = 0;

            IF @Locked < 0 AND @RefreshedAt IS NULL
                THROW 50013, N'The leaderboard is being worked out; try again in a few seconds. [details: {"retry_after_seconds": 2}]', 1;

            IF @Locked >= 0 AND NOT EXISTS (
                SELECT 1
                FROM report.ranking_snapshots AS sn
                WHERE sn.period = @Period
                  AND sn.metric = @Metric
                  AND sn.refreshed_at > DATEADD(
                      SECOND, -COALESCE(@Refresh, 30), SYSDATETIMEOFFSET())
            )
                EXEC report.refresh_user_ranking @Period = @Period, @Metric = @Metric;

            COMMIT TRANSACTION;
        END TRY
        BEGIN CATCH
            IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
            THROW;
        END CATCH;
    END;

    -- The top rows, walked from the index of the metric's score (with the
    -- rows that tie with the last, whose order is by name, in the column's
    -- collation: case and accents aside), and the asking user's own row. A
    -- rank is one more than the users with a higher score.
    SELECT
        1 + COALESCE((
            -- The users with a higher score: at the lowest score above, those
            -- above it and those on it. (A user who has just opted back in
            -- may have a score no one else has.)
            SELECT TOP (1) s.users_above + s.users
            FROM report.ranking_scores AS s
            WHERE s.period = @Period
              AND s.metric = @Metric
              AND s.score > shown.score
            ORDER BY s.score
        ), 0) AS user_rank,
        shown.display_name,
        shown.bookings,
        shown.tickets,
        CONVERT(bit, CASE WHEN shown.user_id = @UserId THEN 1 ELSE 0 END) AS is_current_user
    FROM (
        SELECT best.user_id, best.bookings, best.tickets, best.score, best.display_name
        FROM (
            SELECT TOP (@Limit)
                r.user_id, r.bookings, r.tickets, r.score, r.display_name
            FROM (
                SELECT by_bookings.*
                FROM (
                    SELECT TOP (@Limit) WITH TIES
                        t.user_id, t.bookings, t.tickets, t.bookings AS score, u.display_name
                    FROM report.ranking_totals AS t
                    JOIN account.users AS u ON u.user_id = t.user_id
                    WHERE @Metric = N'bookings'
                      AND t.period = @Period
                      AND u.ranking_opt_out = 0
                    ORDER BY t.bookings DESC
                ) AS by_bookings
                UNION ALL
                SELECT by_tickets.*
                FROM (
                    SELECT TOP (@Limit) WITH TIES
                        t.user_id, t.bookings, t.tickets, t.tickets AS score, u.display_name
                    FROM report.ranking_totals AS t
                    JOIN account.users AS u ON u.user_id = t.user_id
                    WHERE @Metric = N'tickets'
                      AND t.period = @Period
                      AND u.ranking_opt_out = 0
                    ORDER BY t.tickets DESC
                ) AS by_tickets
            ) AS r
            ORDER BY r.score DESC, r.display_name, r.user_id
        ) AS best
        UNION
        SELECT
            t.user_id, t.bookings, t.tickets,
            CASE WHEN @Metric = N'bookings' THEN t.bookings ELSE t.tickets END,
            u.display_name
        FROM report.ranking_totals AS t
        JOIN account.users AS u ON u.user_id = t.user_id
        WHERE t.period = @Period
          AND t.user_id = @UserId
          AND u.ranking_opt_out = 0
    ) AS shown
    ORDER BY shown.score DESC, shown.display_name, shown.user_id;
END;
GO

DECLARE @Description sql_variant =
    N'Leaderboard by bookings or tickets for a period, with the asking user''s own row; opt-outs left out.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'PROCEDURE', N'list_user_ranking', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'PROCEDURE', @level1name = N'list_user_ranking';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'PROCEDURE', @level1name = N'list_user_ranking';
GO
