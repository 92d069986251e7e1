-- One row per booking with what a person needs to recognise it: the show,
-- the venue, the local start time, the seats, whether it can still be
-- cancelled, and the show's running time (how long the evening lasts).
-- The booking procedures return rows of this view.
-- seats is JSON text: an array of {seat_id, section, row_label, seat_number,
-- price_cents}, in section order, then row, then number.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER VIEW booking.booking_details
AS
SELECT
    b.booking_id,
    b.user_id,
    b.performance_id,
    b.status,
    b.created_at,
    b.cancelled_at,
    b.total_cents,
    CONVERT(nvarchar(3), v.currency) AS currency,
    b.seat_count,
    s.title,
    v.name AS venue_name,
    v.city,
    v.time_zone,
    p.starts_at,
    CONVERT(datetime2(6), p.starts_at AT TIME ZONE tz.windows_name) AS local_starts_at,
    CONVERT(bit, CASE
        WHEN b.status = N'confirmed' AND p.starts_at > SYSDATETIMEOFFSET() THEN 1
        ELSE 0
    END) AS cancellable,
    COALESCE((
        SELECT
            st.seat_id,
            sc.name AS section,
            st.row_label,
            st.seat_number,
            bs.price_cents
        FROM booking.booked_seats AS bs
        JOIN catalog.seats AS st ON st.seat_id = bs.seat_id
        JOIN catalog.sections AS sc ON sc.section_id = st.section_id
        WHERE bs.booking_id = b.booking_id
        ORDER BY sc.sort_order, st.row_label, st.seat_number
        FOR JSON PATH, INCLUDE_NULL_VALUES
    ), N'[]') AS seats,
    s.duration_minutes
FROM booking.bookings AS b
JOIN catalog.performances AS p ON p.performance_id = b.performance_id
JOIN catalog.shows AS s ON s.show_id = p.show_id
JOIN catalog.venues AS v ON v.venue_id = p.venue_id
JOIN catalog.time_zone_names AS tz ON tz.iana_name = v.time_zone;
GO

DECLARE @Description sql_variant =
    N'Bookings with show, venue, local start time, seats and whether they can be cancelled.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'VIEW', N'booking_details', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'VIEW', @level1name = N'booking_details';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'VIEW', @level1name = N'booking_details';
GO
