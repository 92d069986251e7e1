-- Booking patterns of one user beside everyone's, for confirmed bookings
-- made between @DateFrom and @DateTo (UTC days, both included).
-- @Dimension:
--   day          one row per day of the range, the day the booking was made;
--   weekday      Monday to Sunday of the performance, at the venue;
--   time_of_day  matinee (starts before 17:00 local) or evening;
--   genre        one row per genre.
-- bucket_order sorts the rows; rows with no bookings are included.
-- Weekdays are counted from 1900-01-01, a Monday, so DATEFIRST does not matter.
-- Throws validation_failed (50001) for a bad dimension or range (at most 366 days).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE report.booking_patterns
    @UserId bigint,
    @Dimension nvarchar(20),
    @DateFrom date,
    @DateTo date
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @Buckets TABLE (
        bucket nvarchar(200) NOT NULL,
        bucket_order int NOT NULL PRIMARY KEY,
        bucket_key nvarchar(30) NOT NULL
    );
    DECLARE @From datetimeoffset(6);
    DECLARE @To datetimeoffset(6);

    IF @Dimension IS NULL
        OR @Dimension COLLATE Latin1_General_100_BIN2
            NOT IN (N'day', N'weekday', N'time_of_day', N'genre')
        THROW 50001, N'dimension must be one of day, weekday, time_of_day, genre. [details: {"fields": {"dimension": "invalid"}}]', 1;

    IF @DateFrom IS NULL OR @DateTo IS NULL OR @DateFrom > @DateTo
        OR DATEDIFF(DAY, @DateFrom, @DateTo) > 365
        THROW 50001, N'The date range must be at most 366 days, earliest first. [details: {"fields": {"date_from": "invalid"}}]', 1;

    IF @Dimension = N'day'
        WITH numbers AS (
            SELECT TOP (DATEDIFF(DAY, @DateFrom, @DateTo) + 1)
                ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) - 1 AS n
            FROM sys.all_objects
        )
        INSERT INTO @Buckets (bucket, bucket_order, bucket_key)
        SELECT
            CONVERT(nvarchar(10), DATEADD(DAY, n, @DateFrom), 23),
            n,
            CONVERT(nvarchar(10), DATEADD(DAY, n, @DateFrom), 23)
        FROM numbers;

    IF @Dimension = N'weekday'
        INSERT INTO @Buckets (bucket, bucket_order, bucket_key)
        VALUES (N'Monday', 0, N'0'), (N'Tuesday', 1, N'1'), (N'Wednesday', 2, N'2'),
            (N'Thursday', 3, N'3'), (N'Friday', 4, N'4'), (N'Saturday', 5, N'5'),
            (N'Sunday', 6, N'6');

    IF @Dimension = N'time_of_day'
        INSERT INTO @Buckets (bucket, bucket_order, bucket_key)
        VALUES (N'matinee', 0, N'matinee'), (N'evening', 1, N'evening');

    IF @Dimension = N'genre'
        INSERT INTO @Buckets (bucket, bucket_order, bucket_key)
        SELECT
            g.name,
            CONVERT(int, ROW_NUMBER() OVER (ORDER BY g.name, g.genre_id)) - 1,
            CONVERT(nvarchar(30), g.genre_id)
        FROM catalog.genres AS g;

    -- Whole UTC days, as a range on the indexed column.
    SET @From = TODATETIMEOFFSET(CONVERT(datetime2(6), @DateFrom), N'+00:00');
    SET @To = DATEADD(DAY, 1, TODATETIMEOFFSET(CONVERT(datetime2(6), @DateTo), N'+00:00'));

    WITH facts AS (
        -- Each booking with the key of the bucket it falls in.
        SELECT
            CASE @Dimension
                WHEN N'day' THEN CONVERT(nvarchar(10),
                    CONVERT(date, SWITCHOFFSET(b.created_at, N'+00:00')), 23)
                WHEN N'weekday' THEN CONVERT(nvarchar(30),
                    DATEDIFF(DAY, CONVERT(date, '19000101'),
                        CONVERT(date, p.starts_at AT TIME ZONE tz.windows_name)) % 7)
                WHEN N'time_of_day' THEN
                    CASE WHEN CONVERT(time, p.starts_at AT TIME ZONE tz.windows_name) < '17:00'
                        THEN N'matinee' ELSE N'evening' END
                ELSE CONVERT(nvarchar(30), s.genre_id)
            END AS bucket_key,
            CASE WHEN b.user_id = @UserId THEN 1 ELSE 0 END AS is_mine,
            b.seat_count
        FROM booking.bookings AS b
        JOIN catalog.performances AS p ON p.performance_id = b.performance_id
        JOIN catalog.venues AS v ON v.venue_id = p.venue_id
        JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
        JOIN catalog.shows AS s ON s.show_id = p.show_id
        WHERE b.status = N'confirmed'
          AND b.created_at >= @From
          AND b.created_at < @To
    ),
    totals AS (
        SELECT
            f.bucket_key,
            SUM(f.is_mine) AS my_bookings,
            SUM(f.is_mine * f.seat_count) AS my_tickets,
            COUNT(*) AS all_bookings,
            SUM(f.seat_count) AS all_tickets
        FROM facts AS f
        GROUP BY f.bucket_key
    )
    SELECT
        bk.bucket,
        bk.bucket_order,
        ISNULL(t.my_bookings, 0) AS my_bookings,
        ISNULL(t.my_tickets, 0) AS my_tickets,
        ISNULL(t.all_bookings, 0) AS all_bookings,
        ISNULL(t.all_tickets, 0) AS all_tickets
    FROM @Buckets AS bk
    LEFT JOIN totals AS t ON t.bucket_key = bk.bucket_key
    ORDER BY bk.bucket_order;
END;
GO

DECLARE @Description sql_variant =
    N'Bookings and tickets of one user beside everyone''s, per day, weekday, time of day or genre.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'PROCEDURE', N'booking_patterns', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'PROCEDURE', @level1name = N'booking_patterns';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'PROCEDURE', @level1name = N'booking_patterns';
GO
