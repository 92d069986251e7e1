-- Holds still running, found by their expiry. An expired hold stays in
-- booking.seat_holds until its seat is held again (booking.list_holds
-- tells its owner that it was lost), so as a site runs most rows are
-- expired; booking.live_holds, which a search with a group size reads for
-- every performance, read all of them: with 67,000 expired holds such a
-- search took 29 ms instead of 21 at the large benchmark scale.
create index seat_holds_expires_idx on booking.seat_holds (expires_at);
