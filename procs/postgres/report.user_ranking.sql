-- Answers: who books most with us?
-- One row per user with at least one confirmed booking: the number of
-- bookings and of tickets, and the rank by each (ties share a rank). Only
-- display names are shown: no usernames, no emails. Users who opted out of
-- rankings in their profile are left out.
create view report.user_ranking as
select
    u.user_id,
    u.display_name,
    count(*)::integer as bookings,
    sum(b.seat_count)::integer as tickets,
    rank() over (order by count(*) desc)::integer as rank_by_bookings,
    rank() over (order by sum(b.seat_count) desc)::integer as rank_by_tickets
from booking.bookings b
join account.users u on u.user_id = b.user_id
where b.status = 'confirmed'
  and not u.ranking_opt_out
group by u.user_id, u.display_name;

comment on view report.user_ranking is
    'Users ranked by confirmed bookings and by tickets; ties share a rank; opt-outs left out.';
