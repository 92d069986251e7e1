-- Answers: who books most with us?
-- One row per user with at least one confirmed booking: the number of
-- bookings and of tickets, and the rank by each (ties share a rank). Only
-- display names are shown: no usernames, no emails. Users who opted out of
-- rankings in their profile are left out.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW report.user_ranking
AS
SELECT
    u.user_id,
    u.display_name,
    COUNT(*) AS bookings,
    SUM(b.seat_count) AS tickets,
    CONVERT(int, RANK() OVER (ORDER BY COUNT(*) DESC)) AS rank_by_bookings,
    CONVERT(int, RANK() OVER (ORDER BY SUM(b.seat_count) DESC)) AS rank_by_tickets
FROM booking.bookings AS b
JOIN account.users AS u ON u.user_id = b.user_id
WHERE b.status = N'confirmed'
  AND u.ranking_opt_out = 0
GROUP BY u.user_id, u.display_name;
GO

DECLARE @Description sql_variant =
    N'Users ranked by confirmed bookings and by tickets; ties share a rank; opt-outs left out.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'report', N'VIEW', N'user_ranking', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'user_ranking';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'report',
        @level1type = N'VIEW', @level1name = N'user_ranking';
GO
