-- The leaderboard is worked out from every confirmed booking: about a
-- quarter of a second at the large benchmark scale, too much for a page
-- anyone may open. report.refresh_user_ranking stores the result per period
-- and metric, and report.list_user_ranking works it out again only when
-- the stored one is older than refresh_seconds.
-- Derived data only, so no foreign keys: users are joined when read.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE TABLE report.ranking_settings (
    setting_name nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
    setting_value int NOT NULL,
    CONSTRAINT ranking_settings_pkey PRIMARY KEY (setting_name),
    CONSTRAINT ranking_settings_known_name CHECK (setting_name IN (N'refresh_seconds')),
    CONSTRAINT ranking_settings_range CHECK (setting_value BETWEEN 0 AND 3600)
);
GO

INSERT INTO report.ranking_settings (setting_name, setting_value)
VALUES (N'refresh_seconds', 30);
GO

-- When each period and metric was last worked out.
CREATE TABLE report.ranking_snapshots (
    period nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    metric nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    refreshed_at datetimeoffset(6) NOT NULL,
    CONSTRAINT ranking_snapshots_pkey PRIMARY KEY (period, metric)
);
GO

-- Every ranked user of each period and metric, in leaderboard order.
CREATE TABLE report.ranking_rows (
    period nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    metric nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    position int NOT NULL,
    user_id bigint NOT NULL,
    user_rank int NOT NULL,
    bookings int NOT NULL,
    tickets int NOT NULL,
    CONSTRAINT ranking_rows_pkey PRIMARY KEY (period, metric, position)
);
GO

CREATE UNIQUE INDEX ranking_rows_user_idx ON report.ranking_rows (period, metric, user_id);
GO
