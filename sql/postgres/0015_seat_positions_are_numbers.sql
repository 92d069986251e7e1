-- A seat is drawn at (x, y). numeric accepts NaN, which no drawing can use
-- and which JSON cannot carry: a seat map holding one was not valid JSON.
alter table catalog.seats
    add constraint seats_position_is_a_number check (x <> 'NaN' and y <> 'NaN');
