-- All venues with their seat count, by name, for filters.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.list_venues
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    SELECT
        v.venue_id,
        v.name,
        v.city,
        v.time_zone,
        (SELECT COUNT(*) FROM catalog.seats AS s WHERE s.venue_id = v.venue_id) AS capacity
    FROM catalog.venues AS v
    ORDER BY v.name;
END;
GO

DECLARE @Description sql_variant =
    N'All venues with their capacity.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'list_venues', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'list_venues';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'list_venues';
GO
