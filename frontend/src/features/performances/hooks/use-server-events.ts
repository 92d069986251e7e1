import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How often to read everything again while the event stream is down. */
export const FALLBACK_POLL_MS = 15_000;

export type ServerEvent = {
  type: 'hello' | 'changed' | 'resync';
  performance_id?: number;
  version?: number;
};

/**
 * Listens to a server-sent event stream and calls `onEvent` for each event.
 *
 * The browser's EventSource reconnects by itself after a dropped stream or
 * a server restart. Every connect starts with a `hello`; the first one is
 * passed on as `hello`, later ones (reconnects) as `resync`, which callers
 * treat as "read everything again", so nothing missed meanwhile is lost.
 * While the stream is down (or EventSource is missing), a slow poll calls
 * `onEvent({type: 'resync'})` every FALLBACK_POLL_MS instead.
 */
export function useServerEvents(
  url: string,
  onEvent: (event: ServerEvent) => void,
) {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onEvent);

  // Updated during the commit, so an event that arrives right after a render
  // already sees that render's data (a passive effect could still be pending).
  useLayoutEffect(() => {
    handler.current = onEvent;
  });

  useEffect(() => {
    let source: EventSource | undefined;
    let timer: number | undefined;
    let greeted = false;

    const poll = () => {
      if (timer !== undefined) return;

      timer = window.setInterval(() => {
        if (document.visibilityState !== 'hidden') {
          handler.current({ type: 'resync' });
        }
      }, FALLBACK_POLL_MS);
    };

    const stopPolling = () => {
      window.clearInterval(timer);
      timer = undefined;
    };

    if (typeof EventSource === 'undefined') {
      poll();

      return stopPolling;
    }

    source = new EventSource(url);

    const receive = (message: MessageEvent<string>) => {
      let event: ServerEvent;

      try {
        event = JSON.parse(message.data) as ServerEvent;
      } catch {
        return;
      }

      if (event.type === 'hello') {
        setConnected(true);
        stopPolling();
        if (greeted) event = { ...event, type: 'resync' };
        greeted = true;
      }

      handler.current(event);
    };

    for (const type of ['hello', 'changed', 'resync']) {
      source.addEventListener(type, receive as EventListener);
    }

    source.onerror = () => {
      // Whatever hello comes next follows a gap: it must read everything.
      greeted = true;
      setConnected(false);
      poll();
    };

    return () => {
      source?.close();
      stopPolling();
    };
  }, [url]);

  return { connected };
}
