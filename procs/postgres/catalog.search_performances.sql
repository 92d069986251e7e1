-- Searches upcoming scheduled performances with one text box and filters.
-- p_query: words matched against title, description, director, cast, genre,
--   venue and city; accents and case are ignored, and each word may also
--   match by prefix or with a typo (trigram similarity of at least 0.4 to a
--   catalogue word of 4 letters or more). Every word must match somewhere.
--   Null or blank: no text condition.
-- p_genre_ids: a JSON array of genre ids (null or [] for all).
-- p_venue_id, p_city: optional; the city is compared without case or accents.
-- p_date_from, p_date_to: local dates at the venue, both included.
-- p_time_of_day: 'matinee' (local start before 17:00) or 'evening'.
-- p_price_min_cents, p_price_max_cents: some section's price lies in range.
-- p_group_size: at least this many seats still available (1 to 10).
-- p_sort: relevance (best match first), date, popularity (most tickets sold
--   for the show first) or price (cheapest first).
-- The group filter counts the seats neither booked nor held in someone's
-- checkout, as seats_available does. TODO: they may be anywhere in the
-- house; the group is not promised seats together.
-- total_count repeats on each row: the number of rows over all pages.
-- Raises validation_failed (BX001) for a bad filter, sort, page or size.
create function catalog.search_performances(
    p_query text,
    p_genre_ids jsonb,
    p_venue_id bigint,
    p_city text,
    p_date_from date,
    p_date_to date,
    p_time_of_day text,
    p_price_min_cents integer,
    p_price_max_cents integer,
    p_group_size integer,
    p_sort text,
    p_page integer,
    p_page_size integer
)
returns table (
    performance_id bigint,
    show_id bigint,
    title text,
    genre_id bigint,
    genre text,
    venue_id bigint,
    venue_name text,
    city text,
    time_zone text,
    currency text,
    starts_at timestamptz,
    local_starts_at timestamp,
    duration_minutes integer,
    capacity integer,
    seats_available integer,
    price_from_cents integer,
    relevance integer,
    popularity integer,
    total_count bigint
)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
-- Each call is planned for its own filters: most of them are absent.
set plan_cache_mode = force_custom_plan
as $$
declare
    v_genre_ids bigint[];
    v_terms text[];
begin
    if p_page is null or p_page not between 1 and 100000 then
        raise exception using errcode = 'BX001', message = 'page must be 1 or more.',
            detail = '{"fields": {"page": "invalid"}}';
    end if;

    if p_page_size is null or p_page_size not between 1 and 100 then
        raise exception using errcode = 'BX001', message = 'page_size must be between 1 and 100.',
            detail = '{"fields": {"page_size": "invalid"}}';
    end if;

    if p_sort is null or p_sort not in ('relevance', 'date', 'popularity', 'price') then
        raise exception using errcode = 'BX001',
            message = 'sort must be one of relevance, date, popularity, price.',
            detail = '{"fields": {"sort": "invalid"}}';
    end if;

    if p_time_of_day is not null and p_time_of_day not in ('matinee', 'evening') then
        raise exception using errcode = 'BX001', message = 'time_of_day must be matinee or evening.',
            detail = '{"fields": {"time_of_day": "invalid"}}';
    end if;

    if p_date_from is not null and p_date_to is not null and p_date_from > p_date_to then
        raise exception using errcode = 'BX001', message = 'date_from must not be after date_to.',
            detail = '{"fields": {"date_from": "invalid"}}';
    end if;

    if p_price_min_cents < 0 or p_price_max_cents < 0
        or p_price_min_cents > p_price_max_cents then
        raise exception using errcode = 'BX001',
            message = 'The price range must be two amounts, lowest first.',
            detail = '{"fields": {"price_min": "invalid"}}';
    end if;

    if p_group_size is not null and p_group_size not between 1 and 10 then
        raise exception using errcode = 'BX001', message = 'group_size must be between 1 and 10.',
            detail = '{"fields": {"group_size": "invalid"}}';
    end if;

    if p_query is not null and char_length(p_query) > 200 then
        raise exception using errcode = 'BX001', message = 'A search has at most 200 characters.',
            detail = '{"fields": {"q": "invalid"}}';
    end if;

    if p_genre_ids is not null then
        if jsonb_typeof(p_genre_ids) <> 'array' or exists (
            select 1 from jsonb_array_elements(p_genre_ids) e
            where jsonb_typeof(e) <> 'number' or e::text !~ '^[0-9]{1,18}$'
        ) then
            raise exception using errcode = 'BX001', message = 'genre_ids must be a list of ids.',
                detail = '{"fields": {"genre_ids": "invalid"}}';
        end if;
        select array_agg(e::text::bigint) into v_genre_ids
        from jsonb_array_elements(p_genre_ids) e;
    end if;

    -- At most eight distinct words, each of letters and digits only.
    select array_agg(t.term)
    into v_terms
    from (
        select w.term
        from regexp_split_to_table(
            lower(extensions.unaccent('extensions.unaccent'::regdictionary,
                                      coalesce(p_query, ''))),
            '[^[:alnum:]]+') with ordinality as w(term, n)
        where w.term <> ''
        group by w.term
        order by min(w.n)
        limit 8
    ) t;

    -- Which shows and venues hold a catalogue word each search word matches,
    -- and how well; a show and venue pair is found when every search word
    -- matches one or the other, and its relevance adds up its best hits.
    -- Only the rows of the page then get their seats held and their sales.
    return query
    with term_words as (
        select t.term, voc.word,
            case
                when voc.word = t.term then 1.0
                when char_length(t.term) >= 2 and left(voc.word, char_length(t.term)) = t.term
                    then 0.8
                else extensions.similarity(t.term, voc.word)::numeric
            end as quality
        from unnest(v_terms) t(term)
        cross join lateral (
            select v1.word
            from catalog.search_vocabulary v1
            where v1.word like t.term || '%'
            union
            select v2.word
            from catalog.search_vocabulary v2
            where char_length(t.term) >= 4
              and v2.word operator(extensions.%) t.term
        ) voc
        where voc.word = t.term
           or (char_length(t.term) >= 2 and left(voc.word, char_length(t.term)) = t.term)
           or (char_length(t.term) >= 4 and char_length(voc.word) >= 4
               and abs(char_length(voc.word) - char_length(t.term)) <= 3
               and extensions.similarity(t.term, voc.word) >= 0.4)
    ),
    show_hits as (
        select tw.term, sw.show_id, max(sw.weight * tw.quality) as score
        from term_words tw
        join catalog.show_search_words sw on sw.word = tw.word
        group by tw.term, sw.show_id
    ),
    venue_hits as (
        select tw.term, vw.venue_id, max(vw.weight * tw.quality) as score
        from term_words tw
        join catalog.venue_search_words vw on vw.word = tw.word
        group by tw.term, vw.venue_id
    ),
    -- Every pair that matches the first search word, by its show or its venue.
    pairs as (
        select sh.show_id, v.venue_id
        from show_hits sh cross join catalog.venues v
        where sh.term = v_terms[1]
        union
        select s.show_id, vh.venue_id
        from venue_hits vh cross join catalog.shows s
        where vh.term = v_terms[1]
    ),
    hits as (
        select pr.show_id, pr.venue_id,
            round(sum(greatest(sh.score, vh.score)) * 100)::integer as relevance
        from pairs pr
        cross join unnest(v_terms) t(term)
        left join show_hits sh on sh.term = t.term and sh.show_id = pr.show_id
        left join venue_hits vh on vh.term = t.term and vh.venue_id = pr.venue_id
        where sh.score is not null or vh.score is not null
        group by pr.show_id, pr.venue_id
        having count(*) = cardinality(v_terms)
    ),
    -- Seats held in someone's checkout, for the few performances that have
    -- any: read once.
    held as (
        select lh.performance_id, count(*) as seats
        from booking.live_holds lh
        group by lh.performance_id
    ),
    -- Performances with fewer seats left than the group: neither booked, by
    -- the counts kept per performance (booking.seat_counts), nor held, as a
    -- page's seats_available counts them. Those whose main row says so are
    -- found through an index; those whose counts are spread over more rows
    -- during a rush, and those with seats held, are added up.
    too_full as (
        select c.performance_id
        from (
            select sc.performance_id, sum(sc.capacity) - sum(sc.booked) as seats_left
            from booking.seat_counts sc
            where sc.performance_id in (
                    select m.performance_id
                    from booking.seat_counts m
                    where m.entry = 0 and m.capacity - m.booked < p_group_size
                    union
                    select x.performance_id
                    from booking.seat_counts x
                    where x.entry <> 0
                    union
                    select hd.performance_id
                    from held hd
                )
            group by sc.performance_id
        ) c
        left join held hd on hd.performance_id = c.performance_id
        where c.seats_left - coalesce(hd.seats, 0) < p_group_size
    ),
    found as (
        select p.performance_id, p.show_id, p.venue_id, p.starts_at,
            coalesce(h.relevance, 0) as relevance,
            case when p_sort = 'popularity' then coalesce(sl.tickets, 0) end as popularity,
            -- Only when the sort needs it: a search by words reads the
            -- performances from an index alone.
            case when p_sort = 'price' then p.lowest_price_cents end as price_from_cents
        from catalog.performances p
        left join hits h on h.show_id = p.show_id and h.venue_id = p.venue_id
        -- Read only when the sort needs it.
        left join (
            select ss.show_id, sum(ss.tickets)::integer as tickets
            from catalog.show_sales ss
            group by ss.show_id
        ) sl on sl.show_id = p.show_id
        -- Filters that are not given fold away, and with them the lookups.
        where p.status = 'scheduled'
          and p.starts_at > now()
          -- Text with no word in it (only emoji or punctuation) matches nothing.
          and (btrim(coalesce(p_query, '')) = '' or h.show_id is not null)
          and (v_genre_ids is null or cardinality(v_genre_ids) = 0
               or p.show_id in (
                   select s.show_id from catalog.shows s
                   where s.genre_id = any (v_genre_ids)))
          and (p_venue_id is null or p.venue_id = p_venue_id)
          -- The city's few venues are found once, and only when the filter
          -- is given; candidates are compared by venue id. Each candidate's
          -- venue looked up to read its city cost a step per candidate even
          -- without the filter, and with it a word search in one city took
          -- 18 ms instead of 5.
          and (p_city is null or p.venue_id = any (array(
                  select v.venue_id from catalog.venues v
                  where lower(extensions.unaccent('extensions.unaccent'::regdictionary, v.city))
                        = lower(extensions.unaccent('extensions.unaccent'::regdictionary,
                                                    btrim(p_city))))))
          -- Every zone is within a day of UTC: these two let the index
          -- narrow the start times before the local dates are compared.
          and (p_date_from is null
               or p.starts_at >= (p_date_from - 1)::timestamp at time zone 'UTC')
          and (p_date_to is null
               or p.starts_at < (p_date_to + 2)::timestamp at time zone 'UTC')
          -- The local start is kept on the performance (migration 0018).
          and (p_date_from is null or p.local_starts_at::date >= p_date_from)
          and (p_date_to is null or p.local_starts_at::date <= p_date_to)
          and (p_time_of_day is null
               or (p_time_of_day = 'matinee') = (p.local_starts_at::time < time '17:00'))
          -- Some section's price lies in the range: the range kept on the
          -- performance decides a bound given alone, and narrows the
          -- performances whose prices are looked at for both.
          and (p_price_min_cents is null or p.highest_price_cents >= p_price_min_cents)
          and (p_price_max_cents is null or p.lowest_price_cents <= p_price_max_cents)
          and (p_price_min_cents is null or p_price_max_cents is null or exists (
                  select 1 from catalog.performance_prices pp
                  where pp.performance_id = p.performance_id
                    and pp.price_cents between p_price_min_cents and p_price_max_cents))
          and (p_group_size is null
               or p.performance_id not in (select nf.performance_id from too_full nf))
    ),
    page as (
        select f.*, count(*) over () as total_count
        from found f
        order by
            case when p_sort = 'relevance' then f.relevance end desc,
            case when p_sort = 'popularity' then f.popularity end desc,
            case when p_sort = 'price' then f.price_from_cents end asc,
            f.starts_at,
            f.performance_id
        limit p_page_size
        offset (p_page - 1) * p_page_size
    )
    select
        pg.performance_id, pg.show_id, s.title, g.genre_id, g.name as genre,
        v.venue_id, v.name as venue_name, v.city, v.time_zone, v.currency::text,
        pg.starts_at, (pg.starts_at at time zone v.time_zone) as local_starts_at,
        s.duration_minutes,
        counts.capacity, counts.capacity - counts.booked - held.seats as seats_available,
        pr.lowest_price_cents, pg.relevance,
        coalesce(sales.tickets, 0), pg.total_count
    from page pg
    join catalog.shows s on s.show_id = pg.show_id
    join catalog.genres g on g.genre_id = s.genre_id
    join catalog.venues v on v.venue_id = pg.venue_id
    join catalog.performances pr on pr.performance_id = pg.performance_id
    cross join lateral (
        select coalesce(sum(sc.capacity), 0)::integer as capacity,
               coalesce(sum(sc.booked), 0)::integer as booked
        from booking.seat_counts sc where sc.performance_id = pg.performance_id
    ) counts
    cross join lateral (
        -- Seats held in someone's checkout are not available either, as on
        -- the dashboard and the performance's page.
        select count(*)::integer as seats
        from booking.live_holds h
        where h.performance_id = pg.performance_id
    ) held
    cross join lateral (
        select sum(ss.tickets)::integer as tickets
        from catalog.show_sales ss where ss.show_id = pg.show_id
    ) sales
    order by
        case when p_sort = 'relevance' then pg.relevance end desc,
        case when p_sort = 'popularity' then pg.popularity end desc,
        case when p_sort = 'price' then pg.price_from_cents end asc,
        pg.starts_at,
        pg.performance_id;
end;
$$;

comment on function catalog.search_performances(
    text, jsonb, bigint, text, date, date, text, integer, integer, integer, text, integer, integer
) is
    'Accent-insensitive, typo-tolerant search of upcoming performances with filters, sorted and paged.';
