-- Works out the leaderboard of one period and metric from every confirmed
-- booking and stores it (report.ranking_rows, report.ranking_snapshots),
-- replacing the one stored before, in one transaction. report.list_user_ranking
-- calls it when the stored leaderboard is older than
-- report.ranking_settings.refresh_seconds; a DBA may call it any time.
-- Refreshes of one board wait for each other.
-- @Period: last_30_days, this_year (calendar year in UTC) or all_time.
-- @Metric: bookings or tickets (what the rank is by; ties share a rank).
-- Users who opted out are not counted or ranked.
-- Throws validation_failed (50001) for a bad period or metric.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE report.refresh_user_ranking
    @Period nvarchar(20),
    @Metric nvarchar(20)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Since datetimeoffset(6);
    DECLARE @Now datetimeoffset(6) = SYSDATETIMEOFFSET();
    DECLARE @Resource nvarchar(255);
    DECLARE @Locked int;

    IF @Period IS NULL
        OR @Period COLLATE Latin1_General_100_BIN2
            NOT IN (N'last_30_days', N'this_year', N'all_time')
        THROW 50001, N'period must be one of last_30_days, this_year, all_time. [details: {"fields": {"period": "invalid"}}]', 1;

    IF @Metric IS NULL OR @Metric COLLATE Latin1_General_100_BIN2 NOT IN (N'bookings', N'tickets')
        THROW 50001, N'metric must be bookings or tickets. [details: {"fields": {"metric": "invalid"}}]', 1;

    SET @Since = CASE @Period
        WHEN N'last_30_days' THEN DATEADD(DAY, -30, @Now)
        WHEN N'this_year' THEN TODATETIMEOFFSET(
            DATEFROMPARTS(YEAR(SWITCHOFFSET(@Now, N'+00:00')), 1, 1), N'+00:00')
    END;

    BEGIN TRY
        BEGIN TRANSACTION;

        -- One refresh of a board at a time, whoever asks: a request that
        -- finds the board due takes the same lock (report.list_user_ranking).
        SET @Resource = CONCAT(N'ranking:', @Period, N':', @Metric);

        EXEC @Locked = sys.sp_getapplock
            @Resource = @Resource, @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = -1;

        IF @Locked < 0
            THROW 50001, N'The leaderboard could not be refreshed just now; try again.', 1;

        DELETE r
        FROM report.ranking_rows AS r
        WHERE r.period = @Period
          AND r.metric = @Metric;

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
        )
        INSERT INTO report.ranking_rows
            (period, metric, position, user_id, user_rank, bookings, tickets)
        SELECT
            @Period,
            @Metric,
            CONVERT(int, ROW_NUMBER() OVER (
                ORDER BY CASE WHEN @Metric = N'bookings' THEN t.bookings ELSE t.tickets END DESC,
                    t.display_name, t.user_id
            )),
            t.user_id,
            CONVERT(int, RANK() OVER (
                ORDER BY CASE WHEN @Metric = N'bookings' THEN t.bookings ELSE t.tickets END DESC
            )),
            t.bookings,
            t.tickets
        FROM totals AS t;

        UPDATE sn
        SET sn.refreshed_at = @Now
        FROM report.ranking_snapshots AS sn WITH (UPDLOCK, HOLDLOCK)
        WHERE sn.period = @Period
          AND sn.metric = @Metric;

        IF @@ROWCOUNT = 0
            INSERT INTO report.ranking_snapshots (period, metric, refreshed_at)
            VALUES (@Period, @Metric, @Now);

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;
END;
GO

DECLARE @Description sql_variant =
    N'Works out and stores the leaderboard of one period and metric.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'PROCEDURE', N'refresh_user_ranking', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'PROCEDURE', @level1name = N'refresh_user_ranking';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'PROCEDURE', @level1name = N'refresh_user_ranking';
GO
