import { Badge } from '@/components/ui/badge';
import { formatDuration, formatVenueDateTime } from '@/lib/format';
import type { PerformanceDetail } from '@/types/api';

export function PerformanceInfo({
  performance,
}: {
  performance: PerformanceDetail;
}) {
  const { show, venue } = performance;
  const when = formatVenueDateTime(
    performance.starts_at,
    performance.time_zone,
  );

  return (
    <header className="show-hero">
      <div className="show-hero__meta">
        <Badge tone="accent">{show.genre}</Badge>
        <span>{formatDuration(show.duration_minutes)}</span>
      </div>
      <h1 className="show-hero__title">{show.title}</h1>
      <p className="show-hero__when">
        <time dateTime={performance.starts_at}>
          {when.date} · <strong>{when.time}</strong> {when.zone}
        </time>
      </p>
      <p className="show-hero__venue">
        {venue.name}, {venue.city}
        <span className="muted"> · {venue.address}</span>
      </p>
    </header>
  );
}

export function ShowDetails({
  performance,
}: {
  performance: PerformanceDetail;
}) {
  const { show } = performance;

  return (
    <section className="card show-details" aria-labelledby="about-title">
      <h2 id="about-title" className="card__title">
        About the show
      </h2>
      {show.description && <p>{show.description}</p>}
      <dl className="facts">
        {show.director && (
          <>
            <dt>Director</dt>
            <dd>{show.director}</dd>
          </>
        )}
        <dt>Running time</dt>
        <dd>{formatDuration(show.duration_minutes)}</dd>
      </dl>
      {show.cast.length > 0 && (
        <>
          <h3 className="show-details__cast-title">Cast</h3>
          <ul className="cast">
            {show.cast.map((member) => (
              <li key={`${member.name}:${member.role}`}>
                <span className="cast__name">{member.name}</span>
                {member.role && (
                  <span className="cast__role">{member.role}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
