import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';

import { mockEventSource } from '@/testing/event-source-mock';

import { useServerEvents, type ServerEvent } from './use-server-events';

function Probe({ url }: { url: string }) {
  const [seen, setSeen] = useState<string[]>([]);
  const { connected } = useServerEvents(url, (event: ServerEvent) =>
    setSeen((list) => [...list, `${event.type}:${event.performance_id ?? ''}`]),
  );

  return (
    <p>
      {connected ? 'connected' : 'offline'} {seen.join(' ')}
    </p>
  );
}

describe('useServerEvents', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('passes events on and turns a reconnect into a resync', () => {
    const streams = mockEventSource();

    render(<Probe url="/api/events" />);
    expect(streams.map((s) => s.url)).toEqual(['/api/events']);
    expect(screen.getByText(/offline/)).toBeInTheDocument();

    act(() => streams[0]!.emit('hello', { type: 'hello' }));
    act(() =>
      streams[0]!.emit('changed', { type: 'changed', performance_id: 7 }),
    );
    act(() => streams[0]!.fail());
    act(() => streams[0]!.emit('hello', { type: 'hello' }));

    expect(
      screen.getByText('connected hello: changed:7 resync:'),
    ).toBeInTheDocument();
  });

  it('closes the stream when the component goes away', () => {
    const streams = mockEventSource();
    const { unmount } = render(<Probe url="/api/events" />);

    unmount();

    expect(streams[0]!.closed).toBe(true);
  });
});
