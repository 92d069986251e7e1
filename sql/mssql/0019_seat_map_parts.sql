-- PostgreSQL keeps each seat's seat map entry written out as JSON text
-- (catalog.seat_map_parts), because writing 1,500 entries from their
-- columns on every read was most of a map's time there. SQL Server writes
-- its maps with FOR JSON (catalog.get_seat_map_json) and keeps no such
-- table: this migration only keeps the two engines' migrations numbered
-- alike.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO
