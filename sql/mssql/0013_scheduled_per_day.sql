-- PostgreSQL counts the dashboard's upcoming performances from per-day
-- totals kept by triggers (catalog.scheduled_per_day), as counting them from
-- its index took more than half of a page's time. SQL Server counts them
-- with the page query itself (COUNT_BIG(*) OVER () in
-- catalog.list_performances), so it keeps no such table. This migration
-- keeps the two engines' migration numbers in step.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO
