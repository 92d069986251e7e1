-- The deploy journal: which migrations ran, when, and their checksums.
-- tools/mssql_deploy.py and deploy.ps1 run this file first on every
-- deploy; once the journal exists it changes nothing.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

IF SCHEMA_ID(N'meta') IS NULL
    EXEC (N'CREATE SCHEMA meta;');
GO

IF OBJECT_ID(N'meta.schema_migrations', N'U') IS NULL
    CREATE TABLE meta.schema_migrations (
        version int NOT NULL,
        name nvarchar(200) NOT NULL,
        checksum varchar(64) NOT NULL,
        applied_at datetimeoffset(6) NOT NULL
            CONSTRAINT schema_migrations_applied_at_default DEFAULT SYSDATETIMEOFFSET(),
        CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
    );
GO
