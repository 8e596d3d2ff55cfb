import { useBillingContext } from '@billing-kit/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import type { ClockStep, DemoSession } from '../session/demo-session.ts';

export interface TimeTravelProps {
  now: string;
  advanceClock: DemoSession['advanceClock'];
  onAdvanced: (now: string) => void;
}

/**
 * Moves the emulator's test clock on by a day or a month, so a viewer can watch credits reset, a renewal
 * get invoiced, a payment fail and recover. Everything cached is stale afterwards, so all of it refetches.
 */
export function TimeTravel({ now, advanceClock, onAdvanced }: TimeTravelProps) {
  const { format } = useBillingContext('TimeTravel');
  const queryClient = useQueryClient();
  const noteId = useId();
  const advance = useMutation({
    mutationFn: (by: ClockStep) => {
      if (!advanceClock) throw new Error('The offline demo has no clock to move.');
      return advanceClock(by);
    },
    onSuccess: async (advancedTo) => {
      onAdvanced(advancedTo);
      await queryClient.invalidateQueries();
    },
  });
  const disabled = !advanceClock || advance.isPending;
  return (
    <fieldset className="demo-clock" aria-describedby={noteId} aria-busy={advance.isPending}>
      <legend>Time travel</legend>
      <p className="demo-clock__now">
        Demo time <time dateTime={now}>{format.dateTime(now)}</time>
      </p>
      <div className="demo-clock__buttons">
        <button
          type="button"
          className="demo-button"
          disabled={disabled}
          onClick={() => advance.mutate('day')}
        >
          +1 day
        </button>
        <button
          type="button"
          className="demo-button"
          disabled={disabled}
          onClick={() => advance.mutate('month')}
        >
          +1 month
        </button>
      </div>
      <p id={noteId} className="demo-clock__note" role="status">
        {!advanceClock
          ? 'Offline, the mocks’ clock stands still: run npm start for time travel.'
          : advance.isPending
            ? 'Advancing: the emulator is renewing, invoicing and sending webhooks…'
            : ''}
      </p>
      {advance.isError ? (
        <p role="alert" className="demo-clock__error">
          Time travel failed: {advance.error.message}
        </p>
      ) : null}
    </fieldset>
  );
}
