-- A venue's city is stored without spaces around it. Searches by city
-- compare the city whole (without accents or case), so a venue stored in
-- ' Vienna' was never found in Vienna, and every list showed the space.
-- Cities stored so are trimmed, and the check refuses them from now on,
-- as it refuses an empty city. Compared by length in bytes: = ignores
-- trailing spaces in SQL Server.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

UPDATE catalog.venues
SET city = TRIM(city)
WHERE DATALENGTH(city) <> DATALENGTH(TRIM(city));
GO

ALTER TABLE catalog.venues
    ADD CONSTRAINT venues_city_trimmed
    CHECK (DATALENGTH(city) = DATALENGTH(TRIM(city)) AND DATALENGTH(city) > 0);
GO
