-- Records, in the caller's transaction, that seats of a performance changed
-- hands: bumps this session's shard of the performance's change version
-- (booking.performance_versions; 16 shards, so concurrent sessions bump
-- different rows), which each API process polls. The range lock keeps a
-- first insert of a shard single. Every procedure that books, cancels,
-- holds or releases seats calls it.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE OR ALTER PROCEDURE booking.record_change
    @PerformanceId bigint
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    UPDATE pv
    SET pv.version = pv.version + 1, pv.changed_at = SYSDATETIMEOFFSET()
    FROM booking.performance_versions AS pv WITH (UPDLOCK, HOLDLOCK)
    WHERE pv.performance_id = @PerformanceId
      AND pv.shard = @@SPID % 16;

    IF @@ROWCOUNT = 0
        INSERT INTO booking.performance_versions (performance_id, shard, version)
        VALUES (@PerformanceId, @@SPID % 16, 1);
END;
GO

DECLARE @Description sql_variant =
    N'Bumps a performance''s change version, in the caller''s transaction.';

IF EXISTS (
    SELECT 1
    FROM sys.fn_listextendedproperty(
        N'MS_Description', N'SCHEMA', N'booking', N'PROCEDURE', N'record_change', NULL, NULL)
)
    EXEC sys.sp_updateextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'record_change';
ELSE
    EXEC sys.sp_addextendedproperty
        @name = N'MS_Description', @value = @Description,
        @level0type = N'SCHEMA', @level0name = N'booking',
        @level1type = N'PROCEDURE', @level1name = N'record_change';
GO
