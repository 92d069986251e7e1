import { useEffect, useRef, useState, type RefObject } from 'react';

import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api-client';
import { Notice } from '@/components/ui/notice';
import { errorMessage } from '@/lib/error-messages';
import { plural } from '@/lib/format';
import type { Booking } from '@/types/api';

import { cancelBooking } from '../api/cancel-booking';

export type CancelFlow = {
  confirming: boolean;
  busy: boolean;
  error: unknown;
  /** The "Cancel booking" button, focused again when the user keeps it. */
  cancelRef: RefObject<HTMLButtonElement | null>;
  keepRef: RefObject<HTMLButtonElement | null>;
  ask: () => void;
  keep: () => void;
  confirm: () => Promise<void>;
};

/**
 * Cancelling a booking takes two steps: asking, then confirming. The
 * confirmation takes the focus while it is open; keeping the booking puts
 * it back on the button that asked. When the server refuses (the booking
 * was cancelled elsewhere, or its time has come), the confirmation closes
 * and `onRefused` reads the booking again, so the page shows what is true.
 */
export function useCancelBooking(
  booking: Booking,
  onCancelled: (booking: Booking) => void,
  onRefused?: () => void,
): CancelFlow {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const keepRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  async function confirm() {
    setBusy(true);
    setError(undefined);

    try {
      onCancelled(await cancelBooking(booking.booking_id));
      setConfirming(false);
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError && caught.status === 409) {
        setConfirming(false);
        onRefused?.();
      }
    } finally {
      setBusy(false);
    }
  }

  return {
    confirming,
    busy,
    error,
    cancelRef,
    keepRef,
    ask: () => setConfirming(true),
    keep: () => {
      setConfirming(false);
      setError(undefined);
      requestAnimationFrame(() => cancelRef.current?.focus());
    },
    confirm,
  };
}

export function CancelButton({ flow }: { flow: CancelFlow }) {
  if (flow.confirming) return null;

  return (
    <Button
      ref={flow.cancelRef}
      variant="secondary"
      size="sm"
      onClick={flow.ask}
    >
      Cancel booking
    </Button>
  );
}

/** The confirmation, once asked, and what went wrong if cancelling failed. */
export function CancelConfirmation({
  booking,
  flow,
}: {
  booking: Booking;
  flow: CancelFlow;
}) {
  return (
    <>
      {flow.confirming && (
        <div
          className="confirm"
          role="group"
          aria-label={`Confirm cancelling booking #${booking.booking_id}`}
        >
          <p>
            Cancel this booking? Your {plural(booking.seat_count, 'seat')} will
            be released for others to book. This cannot be undone.
          </p>
          <div className="confirm__actions">
            <Button
              ref={flow.keepRef}
              variant="secondary"
              size="sm"
              onClick={flow.keep}
              disabled={flow.busy}
            >
              Keep booking
            </Button>
            <Button
              variant="danger"
              size="sm"
              busy={flow.busy}
              onClick={flow.confirm}
            >
              Yes, cancel booking
            </Button>
          </div>
        </div>
      )}
      {flow.error !== undefined && (
        <Notice tone="error">{errorMessage(flow.error)}</Notice>
      )}
    </>
  );
}
