-- Each seat as a best-seats pick reads it: its venue, section, row, number,
-- block between aisles (as catalog.seat_blocks numbered it), position and
-- flags, in one narrow row. The index lists a venue's seats in the order a
-- pick walks them and carries every column it reads, so a pick reads the
-- house from the index alone. Kept by a trigger on catalog.seats, for the
-- rows a statement touches; it replaces catalog.seat_blocks.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE TABLE catalog.seat_layout (
    seat_id bigint NOT NULL,
    venue_id bigint NOT NULL,
    section_id bigint NOT NULL,
    row_label nvarchar(5) COLLATE Latin1_General_100_CI_AI_SC NOT NULL,
    seat_number int NOT NULL,
    block int NOT NULL,
    x decimal(7, 2) NOT NULL,
    y decimal(7, 2) NOT NULL,
    is_accessible bit NOT NULL,
    is_companion bit NOT NULL,
    CONSTRAINT seat_layout_pkey PRIMARY KEY (seat_id),
    CONSTRAINT seat_layout_seat_id_fkey FOREIGN KEY (seat_id)
        REFERENCES catalog.seats (seat_id) ON DELETE CASCADE,
    CONSTRAINT seat_layout_block_not_negative CHECK (block >= 0)
);
GO

CREATE INDEX seat_layout_pick_order
    ON catalog.seat_layout (venue_id, section_id, row_label, block, seat_number)
    INCLUDE (seat_id, x, y, is_accessible, is_companion);
GO

DROP TRIGGER catalog.tg_seats__number_blocks;
GO

-- An update may move a seat between rows, so both its old and its new row
-- are copied again.
CREATE OR ALTER TRIGGER catalog.tg_seats__keep_layout
ON catalog.seats
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    IF NOT EXISTS (SELECT 1 FROM inserted) AND NOT EXISTS (SELECT 1 FROM deleted)
        RETURN;

    WITH touched AS (
        SELECT i.section_id, i.row_label FROM inserted AS i
        UNION
        SELECT d.section_id, d.row_label FROM deleted AS d
    ),
    gaps AS (
        SELECT
            s.seat_id,
            s.venue_id,
            s.section_id,
            s.row_label,
            s.seat_number,
            s.x,
            s.y,
            s.is_accessible,
            s.is_companion,
            CASE
                WHEN SQRT(
                    SQUARE(s.x - LAG(s.x) OVER (
                        PARTITION BY s.section_id, s.row_label ORDER BY s.seat_number))
                    + SQUARE(s.y - LAG(s.y) OVER (
                        PARTITION BY s.section_id, s.row_label ORDER BY s.seat_number))) > 1.6
                THEN 1
                ELSE 0
            END AS after_aisle
        FROM catalog.seats AS s
        JOIN touched AS t
            ON t.section_id = s.section_id
           AND t.row_label = s.row_label
    ),
    layout AS (
        SELECT
            g.seat_id,
            g.venue_id,
            g.section_id,
            g.row_label,
            g.seat_number,
            CONVERT(int, SUM(g.after_aisle) OVER (
                PARTITION BY g.section_id, g.row_label
                ORDER BY g.seat_number
                ROWS UNBOUNDED PRECEDING)) AS block,
            g.x,
            g.y,
            g.is_accessible,
            g.is_companion
        FROM gaps AS g
    )
    MERGE catalog.seat_layout WITH (HOLDLOCK) AS target
    USING layout AS source
        ON target.seat_id = source.seat_id
    WHEN MATCHED AND (
        target.venue_id <> source.venue_id
        OR target.section_id <> source.section_id
        OR target.row_label COLLATE Latin1_General_100_BIN2
            <> source.row_label COLLATE Latin1_General_100_BIN2
        OR target.seat_number <> source.seat_number
        OR target.block <> source.block
        OR target.x <> source.x
        OR target.y <> source.y
        OR target.is_accessible <> source.is_accessible
        OR target.is_companion <> source.is_companion
    ) THEN
        UPDATE SET
            venue_id = source.venue_id,
            section_id = source.section_id,
            row_label = source.row_label,
            seat_number = source.seat_number,
            block = source.block,
            x = source.x,
            y = source.y,
            is_accessible = source.is_accessible,
            is_companion = source.is_companion
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (seat_id, venue_id, section_id, row_label, seat_number, block, x, y,
                is_accessible, is_companion)
        VALUES (source.seat_id, source.venue_id, source.section_id, source.row_label,
                source.seat_number, source.block, source.x, source.y,
                source.is_accessible, source.is_companion);
END;
GO

-- The blocks are already numbered: copy them with the seats.
INSERT INTO catalog.seat_layout
    (seat_id, venue_id, section_id, row_label, seat_number, block, x, y,
     is_accessible, is_companion)
SELECT s.seat_id, s.venue_id, s.section_id, s.row_label, s.seat_number, sb.block,
       s.x, s.y, s.is_accessible, s.is_companion
FROM catalog.seats AS s
JOIN catalog.seat_blocks AS sb ON sb.seat_id = s.seat_id;
GO

DROP TABLE catalog.seat_blocks;
GO
