-- Answers: on which weekdays and at which time of day do people go?
-- Confirmed bookings and tickets by the weekday (0 = Monday, counted from
-- 1900-01-01, a Monday) and time of day (matinee: starts before 17:00 at the
-- venue; evening otherwise) of the performance booked. The all-users
-- numbers of report.booking_patterns.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW report.bookings_by_weekday_time
AS
SELECT
    x.weekday,
    x.time_of_day,
    COUNT(*) AS bookings,
    SUM(x.seat_count) AS tickets
FROM (
    SELECT
        DATEDIFF(DAY, CONVERT(date, '19000101'),
            CONVERT(date, p.starts_at AT TIME ZONE tz.windows_name)) % 7 AS weekday,
        CASE WHEN CONVERT(time, p.starts_at AT TIME ZONE tz.windows_name) < '17:00'
            THEN N'matinee' ELSE N'evening' END AS time_of_day,
        b.seat_count
    FROM booking.bookings AS b
    JOIN catalog.performances AS p ON p.performance_id = b.performance_id
    JOIN catalog.venues AS v ON v.venue_id = p.venue_id
    JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone
    WHERE b.status = N'confirmed'
) AS x
GROUP BY x.weekday, x.time_of_day;
GO

DECLARE @Description sql_variant =
    N'Confirmed bookings and tickets by weekday (0 = Monday) and time of day of the performance.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'VIEW', N'bookings_by_weekday_time', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'bookings_by_weekday_time';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'bookings_by_weekday_time';
GO
