-- Search index: the searchable words of every show and venue, worked out
-- once when the catalogue changes instead of on every search, the
-- vocabulary of all those words for typo lookup, and tickets sold per show
-- for the popularity sort. Triggers keep all of it current; this migration
-- fills it for the catalogue that is already there.

-- Trigger functions live in a schema of their own: the routine deploy
-- drops and re-creates every function of account, catalog, booking and
-- report, and dropping a trigger's function would drop the trigger.
create schema internal;

comment on schema internal is
    'Functions behind triggers that keep derived tables current; created by migrations only.';

-- Words as catalog.search_performances compares them: lower case, without
-- accents, split at anything that is not a letter or digit. Each row keeps
-- a word's highest weight in its show or venue: 10 title; 4 director,
-- genre, cast, venue name and city; 1 description.
create table catalog.show_search_words (
    show_id bigint not null references catalog.shows on delete cascade,
    word text not null,
    weight integer not null,
    primary key (show_id, word),
    constraint show_search_words_weight_positive check (weight > 0)
);

create index show_search_words_word_idx on catalog.show_search_words (word);

create table catalog.venue_search_words (
    venue_id bigint not null references catalog.venues on delete cascade,
    word text not null,
    weight integer not null,
    primary key (venue_id, word),
    constraint venue_search_words_weight_positive check (weight > 0)
);

create index venue_search_words_word_idx on catalog.venue_search_words (word);

-- Every distinct word above, with how many show and venue rows hold it; a
-- word leaves when its last row does.
create table catalog.search_vocabulary (
    word text not null primary key,
    uses integer not null,
    constraint search_vocabulary_uses_not_negative check (uses >= 0)
);

-- A search word finds its typos here through the index (pg_trgm's % operator).
create index search_vocabulary_word_trgm_idx
    on catalog.search_vocabulary using gin (word extensions.gin_trgm_ops);

-- Tickets of confirmed bookings per show, spread over eight rows per show
-- (booking id modulo 8), so that bookings committing at the same moment
-- rarely wait for each other's row; readers add the rows up.
create table catalog.show_sales (
    show_id bigint not null references catalog.shows on delete cascade,
    shard smallint not null,
    tickets bigint not null,
    primary key (show_id, shard),
    constraint show_sales_shard_range check (shard between 0 and 7),
    constraint show_sales_tickets_not_negative check (tickets >= 0)
);

-- A search finds show and venue pairs; this finds their upcoming
-- performances without reading the others of the show or the venue.
create index performances_show_venue_starts_idx
    on catalog.performances (show_id, venue_id, starts_at)
    where status = 'scheduled';

-- The cheapest price of a performance, and whether some price lies in a
-- range, read from the index alone.
create index performance_prices_performance_price_idx
    on catalog.performance_prices (performance_id, price_cents);

-- Words of a text --------------------------------------------------------

-- Words longer than 200 characters are left out (no search word is longer).
create function internal.search_words(p_body text)
returns setof text
language sql
stable
parallel safe
set search_path = pg_catalog, pg_temp
as $$
    select w.word
    from regexp_split_to_table(
        lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(p_body, ''))),
        '[^[:alnum:]]+') as w(word)
    where w.word <> '' and char_length(w.word) <= 200
$$;

comment on function internal.search_words is
    'The searchable words of a text: lower case, unaccented, split at non-alphanumerics.';

-- Works the words of these shows out again and stores only the difference.
create function internal.index_shows(p_show_ids bigint[])
returns void
language sql
volatile
set search_path = pg_catalog, pg_temp
as $$
    with fields as (
        select s.show_id, f.weight, f.body
        from catalog.shows s
        join catalog.genres g on g.genre_id = s.genre_id
        cross join lateral (
            values (10, s.title), (1, s.description), (4, s.director), (4, g.name)
        ) as f(weight, body)
        where s.show_id = any (p_show_ids)
        union all
        select sc.show_id, 4, sc.person_name || ' ' || sc.role_name
        from catalog.show_cast sc
        where sc.show_id = any (p_show_ids)
    ),
    fresh as (
        select f.show_id, w.word, max(f.weight) as weight
        from fields f
        cross join lateral internal.search_words(f.body) as w(word)
        group by f.show_id, w.word
    ),
    stale as (
        delete from catalog.show_search_words sw
        where sw.show_id = any (p_show_ids)
          and not exists (
              select 1 from fresh f where f.show_id = sw.show_id and f.word = sw.word)
    )
    insert into catalog.show_search_words (show_id, word, weight)
    select f.show_id, f.word, f.weight
    from fresh f
    order by f.show_id, f.word
    on conflict (show_id, word) do update
        set weight = excluded.weight
        where show_search_words.weight <> excluded.weight;
$$;

comment on function internal.index_shows is
    'Brings catalog.show_search_words up to date for these shows.';

create function internal.index_venues(p_venue_ids bigint[])
returns void
language sql
volatile
set search_path = pg_catalog, pg_temp
as $$
    with fresh as (
        select v.venue_id, w.word, 4 as weight
        from catalog.venues v
        cross join lateral (values (v.name), (v.city)) as f(body)
        cross join lateral internal.search_words(f.body) as w(word)
        where v.venue_id = any (p_venue_ids)
        group by v.venue_id, w.word
    ),
    stale as (
        delete from catalog.venue_search_words vw
        where vw.venue_id = any (p_venue_ids)
          and not exists (
              select 1 from fresh f where f.venue_id = vw.venue_id and f.word = vw.word)
    )
    insert into catalog.venue_search_words (venue_id, word, weight)
    select f.venue_id, f.word, f.weight
    from fresh f
    order by f.venue_id, f.word
    on conflict (venue_id, word) do nothing;
$$;

comment on function internal.index_venues is
    'Brings catalog.venue_search_words up to date for these venues.';

-- Triggers on the catalogue ----------------------------------------------

create function internal.tg_shows__index_search_words()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        perform internal.index_shows(array(select n.show_id from new_rows n));
    else
        perform internal.index_shows(array(
            select n.show_id
            from new_rows n
            join old_rows o on o.show_id = n.show_id
            where (n.title, n.description, n.director, n.genre_id)
                  is distinct from (o.title, o.description, o.director, o.genre_id)));
    end if;
    return null;
end;
$$;

comment on function internal.tg_shows__index_search_words is
    'Re-indexes the search words of inserted shows and of shows whose searchable text changed.';

create trigger tg_shows__index_search_words_insert
    after insert on catalog.shows
    referencing new table as new_rows
    for each statement execute function internal.tg_shows__index_search_words();

create trigger tg_shows__index_search_words_update
    after update on catalog.shows
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_shows__index_search_words();

create function internal.tg_show_cast__index_search_words()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        perform internal.index_shows(array(select distinct n.show_id from new_rows n));
    elsif tg_op = 'DELETE' then
        perform internal.index_shows(array(select distinct o.show_id from old_rows o));
    else
        perform internal.index_shows(array(
            select n.show_id from new_rows n
            union
            select o.show_id from old_rows o));
    end if;
    return null;
end;
$$;

comment on function internal.tg_show_cast__index_search_words is
    'Re-indexes the search words of shows whose cast changed.';

create trigger tg_show_cast__index_search_words_insert
    after insert on catalog.show_cast
    referencing new table as new_rows
    for each statement execute function internal.tg_show_cast__index_search_words();

create trigger tg_show_cast__index_search_words_update
    after update on catalog.show_cast
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_show_cast__index_search_words();

create trigger tg_show_cast__index_search_words_delete
    after delete on catalog.show_cast
    referencing old table as old_rows
    for each statement execute function internal.tg_show_cast__index_search_words();

create function internal.tg_genres__index_search_words()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    perform internal.index_shows(array(
        select s.show_id
        from catalog.shows s
        join new_rows n on n.genre_id = s.genre_id
        join old_rows o on o.genre_id = n.genre_id
        where n.name is distinct from o.name));
    return null;
end;
$$;

comment on function internal.tg_genres__index_search_words is
    'Re-indexes the search words of the shows of a renamed genre.';

create trigger tg_genres__index_search_words
    after update on catalog.genres
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_genres__index_search_words();

create function internal.tg_venues__index_search_words()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        perform internal.index_venues(array(select n.venue_id from new_rows n));
    else
        perform internal.index_venues(array(
            select n.venue_id
            from new_rows n
            join old_rows o on o.venue_id = n.venue_id
            where (n.name, n.city) is distinct from (o.name, o.city)));
    end if;
    return null;
end;
$$;

comment on function internal.tg_venues__index_search_words is
    'Re-indexes the search words of inserted venues and of renamed or moved ones.';

create trigger tg_venues__index_search_words_insert
    after insert on catalog.venues
    referencing new table as new_rows
    for each statement execute function internal.tg_venues__index_search_words();

create trigger tg_venues__index_search_words_update
    after update on catalog.venues
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_venues__index_search_words();

-- The vocabulary follows the word tables ---------------------------------

-- Counts each word in and out, in word order so that two writers lock the
-- vocabulary's rows in the same order.
create function internal.tg_search_words__count_vocabulary()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into catalog.search_vocabulary (word, uses)
        select n.word, count(*)
        from new_rows n
        group by n.word
        order by n.word
        on conflict (word) do update
            set uses = search_vocabulary.uses + excluded.uses;
    end if;

    if tg_op in ('UPDATE', 'DELETE') then
        with gone as (
            select o.word, count(*) as uses
            from old_rows o
            group by o.word
        ),
        locked as (
            select voc.word
            from catalog.search_vocabulary voc
            where voc.word in (select g.word from gone g)
            order by voc.word
            for update
        )
        update catalog.search_vocabulary voc
        set uses = voc.uses - g.uses
        from gone g
        where g.word = voc.word
          and voc.word in (select l.word from locked l);

        delete from catalog.search_vocabulary voc
        where voc.uses = 0
          and voc.word in (select o.word from old_rows o);
    end if;
    return null;
end;
$$;

comment on function internal.tg_search_words__count_vocabulary is
    'Keeps catalog.search_vocabulary the set of words of the show and venue word tables.';

create trigger tg_show_search_words__count_vocabulary_insert
    after insert on catalog.show_search_words
    referencing new table as new_rows
    for each statement execute function internal.tg_search_words__count_vocabulary();

create trigger tg_show_search_words__count_vocabulary_update
    after update on catalog.show_search_words
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_search_words__count_vocabulary();

create trigger tg_show_search_words__count_vocabulary_delete
    after delete on catalog.show_search_words
    referencing old table as old_rows
    for each statement execute function internal.tg_search_words__count_vocabulary();

create trigger tg_venue_search_words__count_vocabulary_insert
    after insert on catalog.venue_search_words
    referencing new table as new_rows
    for each statement execute function internal.tg_search_words__count_vocabulary();

create trigger tg_venue_search_words__count_vocabulary_update
    after update on catalog.venue_search_words
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_search_words__count_vocabulary();

create trigger tg_venue_search_words__count_vocabulary_delete
    after delete on catalog.venue_search_words
    referencing old table as old_rows
    for each statement execute function internal.tg_search_words__count_vocabulary();

-- Tickets sold per show --------------------------------------------------

-- Adds tickets to (or, when negative, takes them from) the shows' shards,
-- in key order so that concurrent writers lock rows in the same order.
create function internal.add_show_sales(
    p_show_ids bigint[],
    p_shards smallint[],
    p_tickets bigint[]
)
returns void
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    insert into catalog.show_sales (show_id, shard, tickets)
    select d.show_id, d.shard, d.tickets
    from unnest(p_show_ids, p_shards, p_tickets) as d(show_id, shard, tickets)
    where d.tickets > 0
    order by d.show_id, d.shard
    on conflict (show_id, shard) do update
        set tickets = show_sales.tickets + excluded.tickets;

    update catalog.show_sales ss
    set tickets = ss.tickets + d.tickets
    from unnest(p_show_ids, p_shards, p_tickets) as d(show_id, shard, tickets)
    where d.tickets < 0 and ss.show_id = d.show_id and ss.shard = d.shard;
end;
$$;

comment on function internal.add_show_sales is
    'Adds tickets sold to catalog.show_sales, per show and shard.';

-- Confirmed bookings coming in count; those going out (cancelled, changed
-- or deleted) count no more.
create function internal.tg_bookings__count_show_sales()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_booking_ids bigint[];
    v_performance_ids bigint[];
    v_tickets bigint[];
    v_show_ids bigint[];
    v_shards smallint[];
begin
    if tg_op = 'INSERT' then
        select array_agg(n.booking_id), array_agg(n.performance_id), array_agg(n.seat_count)
        into v_booking_ids, v_performance_ids, v_tickets
        from new_rows n
        where n.status = 'confirmed';
    elsif tg_op = 'DELETE' then
        select array_agg(o.booking_id), array_agg(o.performance_id), array_agg(-o.seat_count)
        into v_booking_ids, v_performance_ids, v_tickets
        from old_rows o
        where o.status = 'confirmed';
    else
        select array_agg(c.booking_id), array_agg(c.performance_id), array_agg(c.tickets)
        into v_booking_ids, v_performance_ids, v_tickets
        from (
            select n.booking_id, n.performance_id, n.seat_count as tickets
            from new_rows n
            where n.status = 'confirmed'
            union all
            select o.booking_id, o.performance_id, -o.seat_count
            from old_rows o
            where o.status = 'confirmed'
        ) c;
    end if;

    if v_booking_ids is null then
        return null;
    end if;

    select array_agg(d.show_id), array_agg(d.shard), array_agg(d.tickets)
    into v_show_ids, v_shards, v_tickets
    from (
        select p.show_id, (c.booking_id % 8)::smallint as shard, sum(c.tickets) as tickets
        from unnest(v_booking_ids, v_performance_ids, v_tickets)
            as c(booking_id, performance_id, tickets)
        join catalog.performances p on p.performance_id = c.performance_id
        group by 1, 2
        having sum(c.tickets) <> 0
    ) d;

    if v_show_ids is not null then
        perform internal.add_show_sales(v_show_ids, v_shards, v_tickets);
    end if;
    return null;
end;
$$;

comment on function internal.tg_bookings__count_show_sales is
    'Keeps catalog.show_sales the tickets of confirmed bookings per show.';

create trigger tg_bookings__count_show_sales_insert
    after insert on booking.bookings
    referencing new table as new_rows
    for each statement execute function internal.tg_bookings__count_show_sales();

create trigger tg_bookings__count_show_sales_update
    after update on booking.bookings
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_bookings__count_show_sales();

create trigger tg_bookings__count_show_sales_delete
    after delete on booking.bookings
    referencing old table as old_rows
    for each statement execute function internal.tg_bookings__count_show_sales();

-- A performance given to another show takes its tickets sold along.
create function internal.tg_performances__move_show_sales()
returns trigger
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_show_ids bigint[];
    v_shards smallint[];
    v_tickets bigint[];
begin
    with moved as (
        select n.performance_id, n.show_id as new_show_id, o.show_id as old_show_id
        from new_rows n
        join old_rows o on o.performance_id = n.performance_id
        where n.show_id <> o.show_id
    ),
    deltas as (
        select x.show_id, (b.booking_id % 8)::smallint as shard, sum(x.sign * b.seat_count) as tickets
        from moved m
        join booking.bookings b on b.performance_id = m.performance_id
        cross join lateral (
            values (m.new_show_id, 1::bigint), (m.old_show_id, -1::bigint)
        ) as x(show_id, sign)
        where b.status = 'confirmed'
        group by 1, 2
        having sum(x.sign * b.seat_count) <> 0
    )
    select array_agg(d.show_id), array_agg(d.shard), array_agg(d.tickets)
    into v_show_ids, v_shards, v_tickets
    from deltas d;

    if v_show_ids is not null then
        perform internal.add_show_sales(v_show_ids, v_shards, v_tickets);
    end if;
    return null;
end;
$$;

comment on function internal.tg_performances__move_show_sales is
    'Moves the tickets sold of performances given to another show.';

create trigger tg_performances__move_show_sales
    after update on catalog.performances
    referencing old table as old_rows new table as new_rows
    for each statement execute function internal.tg_performances__move_show_sales();

-- Back-fill ----------------------------------------------------------------

select internal.index_shows(array(select show_id from catalog.shows));
select internal.index_venues(array(select venue_id from catalog.venues));

insert into catalog.show_sales (show_id, shard, tickets)
select p.show_id, (b.booking_id % 8)::smallint, sum(b.seat_count)
from booking.bookings b
join catalog.performances p on p.performance_id = b.performance_id
where b.status = 'confirmed'
group by 1, 2
order by 1, 2;
