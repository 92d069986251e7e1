-- Where aisles cut the rows of seats. Two neighbours in a row (by seat
-- number) further apart than 1.6 seat widths have an aisle between them,
-- and each stretch of a row between aisles is a block, numbered from 0 by
-- seat number. Seats "together" never cross an aisle. A seat's block
-- follows from the positions of its whole row, and booking.hold_best_seats
-- used to work it out for the whole house on every pick; it is now kept
-- here by a trigger on catalog.seats, for the rows a statement touches.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE TABLE catalog.seat_blocks (
    seat_id bigint NOT NULL,
    block int NOT NULL,
    CONSTRAINT seat_blocks_pkey PRIMARY KEY (seat_id),
    CONSTRAINT seat_blocks_seat_id_fkey FOREIGN KEY (seat_id)
        REFERENCES catalog.seats (seat_id) ON DELETE CASCADE,
    CONSTRAINT seat_blocks_not_negative CHECK (block >= 0)
);
GO

-- An update may move a seat between rows, so both its old and its new row
-- are numbered again.
CREATE OR ALTER TRIGGER catalog.tg_seats__number_blocks
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
            s.section_id,
            s.row_label,
            s.seat_number,
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
    blocks AS (
        SELECT
            g.seat_id,
            CONVERT(int, SUM(g.after_aisle) OVER (
                PARTITION BY g.section_id, g.row_label
                ORDER BY g.seat_number
                ROWS UNBOUNDED PRECEDING)) AS block
        FROM gaps AS g
    )
    MERGE catalog.seat_blocks WITH (HOLDLOCK) AS target
    USING blocks AS source
        ON target.seat_id = source.seat_id
    WHEN MATCHED AND target.block <> source.block THEN
        UPDATE SET block = source.block
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (seat_id, block) VALUES (source.seat_id, source.block);
END;
GO

-- Number every row once, through the trigger.
UPDATE catalog.seats SET x = x;
GO
