-- The leaderboard of users by confirmed bookings or by tickets over a
-- period, with the asking user's own row even when outside the top.
-- @Period: last_30_days, this_year (calendar year in UTC) or all_time.
-- @Metric: bookings or tickets (what the rank is by; ties share a rank).
-- @UserId: the asking user (NULL for none); is_current_user marks the row.
-- @Limit: how many top rows (1 to 100).
-- Users who opted out are not counted, shown or ranked. Display names only.
-- Throws validation_failed (50001) for a bad period, metric or limit.
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

    DECLARE @Since datetimeoffset(6);
    DECLARE @Now datetimeoffset(6) = SYSDATETIMEOFFSET();

    IF @Period IS NULL
        OR @Period COLLATE Latin1_General_100_BIN2
            NOT IN (N'last_30_days', N'this_year', N'all_time')
        THROW 50001, N'period must be one of last_30_days, this_year, all_time. [details: {"fields": {"period": "invalid"}}]', 1;

    IF @Metric IS NULL OR @Metric COLLATE Latin1_General_100_BIN2 NOT IN (N'bookings', N'tickets')
        THROW 50001, N'metric must be bookings or tickets. [details: {"fields": {"metric": "invalid"}}]', 1;

    IF @Limit IS NULL OR @Limit NOT BETWEEN 1 AND 100
        THROW 50001, N'limit must be between 1 and 100. [details: {"fields": {"limit": "invalid"}}]', 1;

    SET @Since = CASE @Period
        WHEN N'last_30_days' THEN DATEADD(DAY, -30, @Now)
        WHEN N'this_year' THEN TODATETIMEOFFSET(
            DATEFROMPARTS(YEAR(SWITCHOFFSET(@Now, N'+00:00')), 1, 1), N'+00:00')
    END;

    WITH totals AS (
        SELECT
            u.user_id,
            u.display_name,
            COUNT(*) AS bookings,
            SUM(b.seat_count) AS tickets
        FROM booking.bookings AS b
        JOIN account.users AS u ON u.user_id = b.user_id
        WHERE b.status = N'confirmed'
          AND u.ranking_opt_out = 0
          AND (@Since IS NULL OR b.created_at >= @Since)
        GROUP BY u.user_id, u.display_name
    ),
    ranked AS (
        SELECT
            t.user_id,
            t.display_name,
            t.bookings,
            t.tickets,
            CONVERT(int, RANK() OVER (
                ORDER BY CASE WHEN @Metric = N'bookings' THEN t.bookings ELSE t.tickets END DESC
            )) AS user_rank,
            ROW_NUMBER() OVER (
                ORDER BY CASE WHEN @Metric = N'bookings' THEN t.bookings ELSE t.tickets END DESC,
                    t.display_name, t.user_id
            ) AS position
        FROM totals AS t
    )
    SELECT
        r.user_rank,
        r.display_name,
        r.bookings,
        r.tickets,
        CONVERT(bit, CASE WHEN r.user_id = @UserId THEN 1 ELSE 0 END) AS is_current_user
    FROM ranked AS r
    WHERE r.position <= @Limit
       OR r.user_id = @UserId
    ORDER BY r.position;
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
