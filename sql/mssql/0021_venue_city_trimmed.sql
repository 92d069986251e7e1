-- A venue's city is stored without white space around it. Searches by
-- city compare the city whole (without accents or case), so a venue stored
-- in ' Vienna', or with a tab, a line break or a no-break space at either
-- end, was never found in Vienna, and lists showed the space.
-- Cities stored so are trimmed, and the check refuses them from now on.
-- White space here is Unicode's, with the zero-width space and the
-- byte-order mark, which look like nothing either: the same characters as
-- PostgreSQL's check, compared by code point (a binary collation), at the
-- ends found with LIKE and PATINDEX, lengths in bytes (= and LEN ignore
-- trailing spaces) and cut in UTF-16 units, as the binary collation counts
-- them.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

DECLARE @Space nvarchar(40) =
    NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) +
    NCHAR(32) + NCHAR(133) + NCHAR(160) + NCHAR(5760) +
    NCHAR(8192) + NCHAR(8193) + NCHAR(8194) + NCHAR(8195) +
    NCHAR(8196) + NCHAR(8197) + NCHAR(8198) + NCHAR(8199) +
    NCHAR(8200) + NCHAR(8201) + NCHAR(8202) + NCHAR(8203) +
    NCHAR(8232) + NCHAR(8233) + NCHAR(8239) + NCHAR(8287) +
    NCHAR(12288) + NCHAR(65279);
-- The first and the last character that is not white space, counted from
-- each end; none means the city was nothing but white space.
DECLARE @Kept nvarchar(50) = N'%[^' + @Space + N']%';

UPDATE v
SET city = CASE
    WHEN e.first_kept = 0 THEN N''
    ELSE SUBSTRING(
        v.city COLLATE Latin1_General_100_BIN2,
        e.first_kept,
        DATALENGTH(v.city) / 2 - e.first_kept - e.last_kept + 2)
END
FROM catalog.venues AS v
CROSS APPLY (
    SELECT
        PATINDEX(@Kept, v.city COLLATE Latin1_General_100_BIN2) AS first_kept,
        PATINDEX(@Kept, REVERSE(v.city COLLATE Latin1_General_100_BIN2)) AS last_kept
) AS e
WHERE e.first_kept <> 1 OR e.last_kept <> 1;
GO

ALTER TABLE catalog.venues
    ADD CONSTRAINT venues_city_trimmed CHECK (
        city COLLATE Latin1_General_100_BIN2 NOT LIKE N'[' +
            NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) +
            NCHAR(32) + NCHAR(133) + NCHAR(160) + NCHAR(5760) +
            NCHAR(8192) + NCHAR(8193) + NCHAR(8194) + NCHAR(8195) +
            NCHAR(8196) + NCHAR(8197) + NCHAR(8198) + NCHAR(8199) +
            NCHAR(8200) + NCHAR(8201) + NCHAR(8202) + NCHAR(8203) +
            NCHAR(8232) + NCHAR(8233) + NCHAR(8239) + NCHAR(8287) +
            NCHAR(12288) + NCHAR(65279) + N']%'
        AND city COLLATE Latin1_General_100_BIN2 NOT LIKE N'%[' +
            NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) +
            NCHAR(32) + NCHAR(133) + NCHAR(160) + NCHAR(5760) +
            NCHAR(8192) + NCHAR(8193) + NCHAR(8194) + NCHAR(8195) +
            NCHAR(8196) + NCHAR(8197) + NCHAR(8198) + NCHAR(8199) +
            NCHAR(8200) + NCHAR(8201) + NCHAR(8202) + NCHAR(8203) +
            NCHAR(8232) + NCHAR(8233) + NCHAR(8239) + NCHAR(8287) +
            NCHAR(12288) + NCHAR(65279) + N']'
    );
GO
