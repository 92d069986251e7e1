-- Bookings of one performance commit side by side: the change version of a
-- performance is spread over shards, so concurrent procedures bump different
-- rows instead of queueing on one. A procedure bumps the shard of its own
-- session; a performance's version is the sum of its shards, which grows by
-- one with every committed change.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

ALTER TABLE booking.performance_versions
    ADD shard smallint NOT NULL
        CONSTRAINT performance_versions_shard_default DEFAULT 0;
GO

ALTER TABLE booking.performance_versions
    ADD CONSTRAINT performance_versions_shard_range CHECK (shard BETWEEN 0 AND 15);
GO

ALTER TABLE booking.performance_versions
    DROP CONSTRAINT performance_versions_pkey;
GO

ALTER TABLE booking.performance_versions
    ADD CONSTRAINT performance_versions_pkey PRIMARY KEY (performance_id, shard);
GO
