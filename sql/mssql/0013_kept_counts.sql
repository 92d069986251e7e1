-- PostgreSQL counts the dashboard's upcoming performances from per-day
-- totals kept by triggers (catalog.scheduled_per_day), as counting them from
-- its index took more than half of a page's time. SQL Server counts them
-- with the page query itself (COUNT_BIG(*) OVER () in
-- catalog.list_performances), so it keeps no such table. On PostgreSQL
-- this migration also empties the counts kept from bookings when the
-- bookings are truncated; SQL Server refuses TRUNCATE on a table that
-- foreign keys reference, as they do booking.bookings. So there is nothing
-- to do here: the file keeps the two engines' migration numbers in step.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO
