-- All genres, by name, for filters.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE catalog.list_genres
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    SELECT g.genre_id, g.name
    FROM catalog.genres AS g
    ORDER BY g.name;
END;
GO

DECLARE @Description sql_variant =
    N'All genres by name.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'catalog', N'PROCEDURE', N'list_genres', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'list_genres';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'catalog',
        @level1type = N'PROCEDURE', @level1name = N'list_genres';
GO
