import { Badge } from '@/components/ui/badge';

/** True when a tenth of the seats or fewer are left. */
export function isFewLeft(available: number, capacity: number): boolean {
  return available > 0 && available <= Math.max(1, capacity * 0.1);
}

export function SeatsLeft({
  available,
  capacity,
}: {
  available: number;
  capacity: number;
}) {
  if (available <= 0) return <Badge tone="danger">Sold out</Badge>;

  const share = capacity > 0 ? available / capacity : 0;

  return (
    <span className="seats-left">
      <span className="seats-left__count">
        {available.toLocaleString('en-GB')}
        <span className="visually-hidden"> of {capacity} seats left</span>
      </span>
      <span className="meter" aria-hidden="true">
        <span
          className="meter__fill"
          style={{ width: `${Math.max(3, Math.round(share * 100))}%` }}
        />
      </span>
      {isFewLeft(available, capacity) && <Badge tone="warning">Few left</Badge>}
    </span>
  );
}
