-- Bookings of one performance commit side by side: the change version of a
-- performance is spread over shards, so concurrent routines bump different
-- rows instead of queueing on one. A routine bumps the shard of its own
-- server process; a performance's version is the sum of its shards, which
-- grows by one with every committed change.

alter table booking.performance_versions
    add column shard smallint not null default 0,
    add constraint performance_versions_shard_range check (shard between 0 and 15);

alter table booking.performance_versions
    drop constraint performance_versions_pkey,
    add constraint performance_versions_pkey primary key (performance_id, shard);
