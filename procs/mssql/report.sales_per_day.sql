-- Answers: how much did we sell each day, in each currency?
-- One row per day (UTC) on which bookings were made and currency: bookings
-- and tickets still confirmed, their takings in minor units, and bookings
-- made that day that were later cancelled.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW report.sales_per_day
AS
SELECT
    CONVERT(date, SWITCHOFFSET(b.created_at, '+00:00')) AS sale_date,
    CONVERT(nvarchar(3), v.currency) AS currency,
    SUM(CASE WHEN b.status = N'confirmed' THEN 1 ELSE 0 END) AS bookings,
    SUM(CASE WHEN b.status = N'confirmed' THEN b.seat_count ELSE 0 END) AS tickets,
    SUM(CASE WHEN b.status = N'confirmed' THEN CONVERT(bigint, b.total_cents) ELSE 0 END)
        AS revenue_cents,
    SUM(CASE WHEN b.status = N'cancelled' THEN 1 ELSE 0 END) AS cancelled_bookings
FROM booking.bookings AS b
JOIN catalog.performances AS p ON p.performance_id = b.performance_id
JOIN catalog.venues AS v ON v.venue_id = p.venue_id
GROUP BY CONVERT(date, SWITCHOFFSET(b.created_at, '+00:00')), v.currency;
GO

DECLARE @Description sql_variant =
    N'Confirmed bookings, tickets and takings per day of sale (UTC) and currency.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'VIEW', N'sales_per_day', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'sales_per_day';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'sales_per_day';
GO
