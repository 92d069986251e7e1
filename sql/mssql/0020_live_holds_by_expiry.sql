-- Holds still running, found by their expiry. An expired hold stays in
-- booking.seat_holds until its seat is held again (booking.list_holds
-- tells its owner that it was lost), so as a site runs most rows are
-- expired; booking.live_holds, which a search with a group size reads for
-- every performance, would read all of them.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE INDEX seat_holds_expires_idx ON booking.seat_holds (expires_at);
GO
