-- The lowest and highest price of each performance, kept on the
-- performance by triggers on catalog.performance_prices.
--
-- A search sorted by price, or with a price range, looked up the prices of
-- every candidate: 36,800 upcoming performances at the large benchmark
-- scale, 40 to 60 ms a search. With the range on the performance, a top
-- price is "the lowest price is at most that", a bottom price "the highest
-- price is at least that", and only a search with both still looks at the
-- sections' prices, of the performances that pass those two.

alter table catalog.performances
    add column lowest_price_cents integer,
    add column highest_price_cents integer;

-- Works out the range again for the performances whose prices a statement
-- added, changed or removed. Changes to one performance's prices take
-- turns, each working the range out from what the earlier ones committed;
-- so they are refused above READ COMMITTED, where a transaction reads
-- what it saw when it began.
create function internal.tg_performance_prices__keep_price_range()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_ids bigint[] := '{}';
begin
    perform internal.require_read_committed('Change catalog.performance_prices');

    -- Tells internal.tg_performances__guard_price_range that the range
    -- written next is the kept one.
    perform set_config('boxoffice.keeping_price_range', 'on', true);

    if tg_op = 'TRUNCATE' then
        update catalog.performances p
        set lowest_price_cents = null, highest_price_cents = null
        where p.lowest_price_cents is not null or p.highest_price_cents is not null;
        perform set_config('boxoffice.keeping_price_range', 'off', true);
        return null;
    end if;

    if tg_op in ('INSERT', 'UPDATE') then
        select v_ids || coalesce(array_agg(n.performance_id), '{}') into v_ids from new_rows n;
    end if;

    if tg_op in ('DELETE', 'UPDATE') then
        select v_ids || coalesce(array_agg(o.performance_id), '{}') into v_ids from old_rows o;
    end if;

    -- The performances' rows are the turns' locks (an advisory lock each
    -- would fill the lock table when every price changes at once).
    perform 1
    from catalog.performances p
    where p.performance_id = any (v_ids)
    order by p.performance_id
    for no key update;

    update catalog.performances p
    set lowest_price_cents = r.lowest, highest_price_cents = r.highest
    from (
        select d.performance_id, min(pp.price_cents) as lowest, max(pp.price_cents) as highest
        from (select distinct c.id as performance_id from unnest(v_ids) as c (id)) d
        left join catalog.performance_prices pp on pp.performance_id = d.performance_id
        group by d.performance_id
    ) r
    where p.performance_id = r.performance_id
      and (p.lowest_price_cents is distinct from r.lowest
           or p.highest_price_cents is distinct from r.highest);

    perform set_config('boxoffice.keeping_price_range', 'off', true);
    return null;
end;
$$;

comment on function internal.tg_performance_prices__keep_price_range() is
    'Keeps the lowest and highest price on each performance whose prices changed.';

create trigger tg_performance_prices__keep_price_range_insert
    after insert on catalog.performance_prices
    referencing new table as new_rows
    for each statement execute function internal.tg_performance_prices__keep_price_range();

create trigger tg_performance_prices__keep_price_range_update
    after update on catalog.performance_prices
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_performance_prices__keep_price_range();

create trigger tg_performance_prices__keep_price_range_delete
    after delete on catalog.performance_prices
    referencing old table as old_rows
    for each statement execute function internal.tg_performance_prices__keep_price_range();

create trigger tg_performance_prices__keep_price_range_truncate
    after truncate on catalog.performance_prices
    for each statement execute function internal.tg_performance_prices__keep_price_range();

-- The range is only ever what the prices say: a performance starts with
-- none, and a range written other than by the trigger above (by hand, or
-- by some other trigger) is worked out again.
create function internal.tg_performances__guard_price_range()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        new.lowest_price_cents := null;
        new.highest_price_cents := null;
    elsif current_setting('boxoffice.keeping_price_range', true) is distinct from 'on' then
        select min(pp.price_cents), max(pp.price_cents)
        into new.lowest_price_cents, new.highest_price_cents
        from catalog.performance_prices pp
        where pp.performance_id = new.performance_id;
    end if;
    return new;
end;
$$;

comment on function internal.tg_performances__guard_price_range() is
    'Keeps a performance''s price range what its prices say when it is written by hand.';

create trigger tg_performances__guard_price_range_insert
    before insert on catalog.performances
    for each row execute function internal.tg_performances__guard_price_range();

create trigger tg_performances__guard_price_range_update
    before update of lowest_price_cents, highest_price_cents on catalog.performances
    for each row execute function internal.tg_performances__guard_price_range();

-- Back-fill ----------------------------------------------------------------

update catalog.performances p
set lowest_price_cents = r.lowest, highest_price_cents = r.highest
from (
    select pp.performance_id, min(pp.price_cents) as lowest, max(pp.price_cents) as highest
    from catalog.performance_prices pp
    group by pp.performance_id
) r
where p.performance_id = r.performance_id;

analyze catalog.performances;
