-- Every seat of a performance's venue with where to draw it and whether it
-- is available, booked, or held (held_by names the holder, so the API can
-- show a holder their own holds; a hold counts until expires_at by database
-- time).
-- Throws performance_not_found (50004).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.get_seat_map
    @PerformanceId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @VenueId bigint;

    SELECT @VenueId = p.venue_id
    FROM catalog.performances AS p
    WHERE p.performance_id = @PerformanceId;

    IF @VenueId IS NULL
        THROW 50004, N'No such performance.', 1;

    SELECT
        st.seat_id,
        st.venue_id,
        st.section_id,
        st.row_label,
        st.seat_number,
        st.x,
        st.y,
        st.is_accessible,
        st.is_companion,
        CASE
            WHEN bs.seat_id IS NOT NULL THEN N'booked'
            WHEN h.seat_id IS NOT NULL THEN N'held'
            ELSE N'available'
        END AS status,
        CASE WHEN bs.seat_id IS NULL THEN h.user_id END AS held_by
    FROM catalog.seats AS st
    LEFT JOIN booking.booked_seats AS bs
        ON bs.performance_id = @PerformanceId
       AND bs.seat_id = st.seat_id
       AND bs.is_active = 1
    LEFT JOIN booking.seat_holds AS h
        ON h.performance_id = @PerformanceId
       AND h.seat_id = st.seat_id
       AND h.expires_at > SYSDATETIMEOFFSET()
    WHERE st.venue_id = @VenueId
    ORDER BY st.section_id, st.row_label, st.seat_number;
END;
GO

DECLARE @Description sql_variant =
    N'The seat map of a performance: each seat, its position and available, held or booked.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'get_seat_map', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_seat_map';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'get_seat_map';
GO
