-- The change version of every performance whose seats changed in the last
-- @WindowSeconds seconds of database time. A server process polls this
-- once per tick and compares the versions with the ones it has seen, so a
-- change committed late within the window is still noticed.
-- Throws validation_failed (50001).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.list_performance_versions
    @WindowSeconds int
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @WindowSeconds IS NULL OR @WindowSeconds NOT BETWEEN 1 AND 3600
        THROW 50001, N'The window is 1 to 3600 seconds. [details: {"fields": {"window_seconds": "invalid"}}]', 1;

    -- A performance's version is the sum of its shards' counters.
    SELECT
        pv.performance_id,
        SUM(pv.version) AS version
    FROM booking.performance_versions AS pv
    WHERE pv.performance_id IN (
        SELECT recent.performance_id
        FROM booking.performance_versions AS recent
        WHERE recent.changed_at > DATEADD(second, -@WindowSeconds, SYSDATETIMEOFFSET())
    )
    GROUP BY pv.performance_id
    ORDER BY pv.performance_id;
END;
GO

DECLARE @Description sql_variant =
    N'Performances whose seats changed recently, with their change versions, '
    + N'for servers that poll.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'list_performance_versions', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'list_performance_versions';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'list_performance_versions';
GO
