-- A seat is drawn at (x, y). PostgreSQL's numeric accepts NaN, which no
-- drawing can use and which JSON cannot carry; decimal has no NaN, so here
-- the check only keeps both engines' constraints the same.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

ALTER TABLE catalog.seats
    ADD CONSTRAINT seats_position_is_a_number CHECK (x = x AND y = y);
GO
