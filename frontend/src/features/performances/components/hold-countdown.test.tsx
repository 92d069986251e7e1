import { act, render, screen } from '@testing-library/react';

import { HoldCountdown } from './hold-countdown';

describe('HoldCountdown', () => {
  afterEach(() => vi.useRealTimers());

  it('counts down the seconds the server gave and reports the expiry', async () => {
    vi.useFakeTimers();
    const onExpired = vi.fn();

    render(
      <HoldCountdown
        secondsLeft={62}
        receivedAt={Date.now()}
        onExpired={onExpired}
      />,
    );

    expect(screen.getByRole('timer')).toHaveTextContent('1:02');
    expect(screen.getByRole('timer')).not.toHaveClass('hold-countdown--ending');

    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(screen.getByRole('timer')).toHaveTextContent('0:59');
    expect(screen.getByRole('timer')).toHaveClass('hold-countdown--ending');
    expect(onExpired).not.toHaveBeenCalled();

    await act(() => vi.advanceTimersByTimeAsync(59_000));
    expect(screen.getByRole('status')).toHaveTextContent(
      'Your hold has run out',
    );
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('counts from when the answer arrived, not from the first paint', () => {
    vi.useFakeTimers();

    render(
      <HoldCountdown secondsLeft={600} receivedAt={Date.now() - 90_000} />,
    );

    expect(screen.getByRole('timer')).toHaveTextContent('8:30');
  });
});
