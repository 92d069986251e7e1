-- Works out the leaderboards of one period from every confirmed booking and
-- stores them (report.ranking_totals, report.ranking_scores,
-- report.ranking_snapshots), in one transaction: both metrics, as they come
-- from the same totals. Only users whose totals changed are written.
-- report.list_user_ranking calls it when a stored board is older than
-- report.ranking_settings.refresh_seconds; a DBA may call it any time.
-- Refreshes of one period wait for each other.
-- @Period: last_30_days, this_year (calendar year in UTC) or all_time.
-- @Metric: bookings or tickets (the board asked for; both are refreshed).
-- Users who opted out are kept in the totals but counted in no one's rank
-- (report.list_user_ranking leaves them out), so opting back in shows at
-- once.
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

        -- One refresh of a period at a time, whoever asks: a request that
        -- finds a board due takes the same lock (report.list_user_ranking).
        SET @Resource = CONCAT(N'ranking:', @Period);

        EXEC @Locked = sys.sp_getapplock
            @Resource = @Resource, @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = -1;

        IF @Locked < 0
            THROW 50001, N'The leaderboard could not be refreshed just now; try again.', 1;

        CREATE TABLE #Fresh (
            user_id bigint NOT NULL PRIMARY KEY,
            bookings int NOT NULL,
            tickets int NOT NULL
        );

        INSERT INTO #Fresh (user_id, bookings, tickets)
        SELECT b.user_id, COUNT(*), SUM(b.seat_count)
        FROM booking.bookings AS b
        WHERE b.status = N'confirmed'
          AND (@Since IS NULL OR b.created_at >= @Since)
        GROUP BY b.user_id;

        DELETE t
        FROM report.ranking_totals AS t
        WHERE t.period = @Period
          AND NOT EXISTS (SELECT 1 FROM #Fresh AS f WHERE f.user_id = t.user_id);

        UPDATE t
        SET t.bookings = f.bookings, t.tickets = f.tickets
        FROM report.ranking_totals AS t
        JOIN #Fresh AS f ON f.user_id = t.user_id
        WHERE t.period = @Period
          AND (t.bookings <> f.bookings OR t.tickets <> f.tickets);

        INSERT INTO report.ranking_totals (period, user_id, bookings, tickets)
        SELECT @Period, f.user_id, f.bookings, f.tickets
        FROM #Fresh AS f
        WHERE NOT EXISTS (
            SELECT 1
            FROM report.ranking_totals AS t
            WHERE t.period = @Period
              AND t.user_id = f.user_id
        );

        DELETE FROM report.ranking_scores WHERE period = @Period;

        INSERT INTO report.ranking_scores (period, metric, score, users, users_above)
        SELECT
            @Period,
            c.metric,
            c.score,
            c.users,
            CONVERT(int, SUM(c.users) OVER (
                PARTITION BY c.metric ORDER BY c.score DESC ROWS UNBOUNDED PRECEDING
            ) - c.users)
        FROM (
            SELECT m.metric, m.score, COUNT(*) AS users
            FROM report.ranking_totals AS t
            JOIN account.users AS u
              ON u.user_id = t.user_id
             AND u.ranking_opt_out = 0
            CROSS APPLY (
                VALUES (N'bookings', t.bookings), (N'tickets', t.tickets)
            ) AS m (metric, score)
            WHERE t.period = @Period
            GROUP BY m.metric, m.score
        ) AS c;

        UPDATE sn
        SET sn.refreshed_at = @Now
        FROM report.ranking_snapshots AS sn WITH (UPDLOCK, HOLDLOCK)
        WHERE sn.period = @Period;

        INSERT INTO report.ranking_snapshots (period, metric, refreshed_at)
        SELECT @Period, m.metric, @Now
        FROM (VALUES (N'bookings'), (N'tickets')) AS m (metric)
        WHERE NOT EXISTS (
            SELECT 1
            FROM report.ranking_snapshots AS sn
            WHERE sn.period = @Period
              AND sn.metric = m.metric
        );

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        THROW;
    END CATCH;
END;
GO

DECLARE @Description sql_variant =
    N'Works out and stores the leaderboards of one period (both metrics).';

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
