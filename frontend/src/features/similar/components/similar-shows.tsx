import { Link } from 'react-router';

import { Skeleton } from '@/components/ui/skeleton';
import { formatVenueDateTime } from '@/lib/format';
import { useQuery } from '@/lib/use-query';

import { getSimilar } from '../api/get-similar';

import '../similar.css';

/**
 * Up to six upcoming performances of other shows of the same genre, the
 * ones booked by people who booked this show first. Shows nothing when
 * there are none, and stays quiet when they cannot be loaded: it is a
 * suggestion, not part of the page's job.
 */
export function SimilarShows({ performanceId }: { performanceId: number }) {
  const { data, error } = useQuery(`similar:${performanceId}`, (signal) =>
    getSimilar(performanceId, signal),
  );

  if (error || (data && data.items.length === 0)) return null;

  return (
    <section className="similar card" aria-labelledby="similar-title">
      <h2 id="similar-title" className="card__title">
        You may also like
      </h2>
      {!data ? (
        <div aria-busy="true" aria-label="Loading similar shows">
          <Skeleton height="3em" />
        </div>
      ) : (
        <ul className="similar__list">
          {data.items.map((item) => {
            const when = formatVenueDateTime(item.starts_at, item.time_zone);

            return (
              <li key={item.performance_id} className="similar__item">
                <Link to={`/performances/${item.performance_id}`}>
                  {item.title}
                </Link>
                <span className="small muted">
                  {item.genre} · {item.venue_name}, {item.city} · {when.full}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
