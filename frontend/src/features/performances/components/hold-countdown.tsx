import { useEffect, useState } from 'react';

/** Seconds under which the countdown turns urgent. */
const ENDING_SECONDS = 60;

function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;

  return `${minutes}:${rest.toString().padStart(2, '0')}`;
}

/**
 * How long the holder's seats stay held. The server says how many seconds
 * are left by database time; counting down from when that answer arrived
 * keeps a wrong clock on this device from mattering.
 */
export function HoldCountdown({
  secondsLeft,
  receivedAt,
  onExpired,
}: {
  secondsLeft: number;
  receivedAt: number;
  onExpired?: () => void;
}) {
  const deadline = receivedAt + secondsLeft * 1000;
  const remaining = () =>
    Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  const [left, setLeft] = useState(remaining);

  useEffect(() => {
    setLeft(remaining());

    const timer = window.setInterval(() => {
      const now = remaining();

      setLeft(now);
      if (now === 0) {
        window.clearInterval(timer);
        onExpired?.();
      }
    }, 1000);

    return () => window.clearInterval(timer);
  }, [deadline, onExpired]);

  if (left === 0) {
    return (
      <p className="hold-countdown hold-countdown--ending" role="status">
        Your hold has run out; the seats are free for anyone again.
      </p>
    );
  }

  return (
    <p
      className={`hold-countdown${
        left <= ENDING_SECONDS ? ' hold-countdown--ending' : ''
      }`}
      role="timer"
      aria-live="off"
    >
      <span>Held for you for</span>
      <strong>{clock(left)}</strong>
    </p>
  );
}
