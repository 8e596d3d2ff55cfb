import { BillingNetworkError, isBillingApiError } from '@billing-kit/client';
import { type Formatters, useBillingContext } from '@billing-kit/react';
import { type DraftLength, isReserved } from './draft-writer.ts';
import { DraftDenied, DraftStopped } from './use-generate-draft.ts';

interface ErrorText {
  title: string;
  detail: string;
  /** Whether buying more (a plan or a pack) is the way out. */
  upgrade: boolean;
}

const credits = (count: number) => `${count} ${count === 1 ? 'credit' : 'credits'}`;

function describe(error: Error, length: DraftLength, format: Formatters): ErrorText {
  const cost = isReserved(length)
    ? `An ${length.label.toLowerCase()} holds ${credits(length.credits)} before it starts`
    : `This ${length.label.toLowerCase()} costs ${credits(length.credits)}`;
  if (error instanceof DraftStopped) {
    return {
      title: 'Stopped.',
      detail: `The ${credits(error.held)} held for it went back. Nothing was spent.`,
      upgrade: false,
    };
  }
  if (error instanceof DraftDenied) {
    const { reason, remaining, resetsAt, degraded } = error.check;
    if (degraded) {
      // The client's fail-closed answer: no server said no, but nothing may be spent unchecked.
      return {
        title: 'Billing could not be reached.',
        detail: `Nothing was spent; try again in a moment. (${degraded.cause})`,
        upgrade: false,
      };
    }
    const refill = resetsAt ? ` More arrive ${format.dateTime(resetsAt)}.` : '';
    if (reason === 'insufficient_credits') {
      return {
        title: 'Not enough credits.',
        detail: `${cost} and you have ${credits(remaining ?? 0)} left. Nothing was spent.${refill}`,
        upgrade: true,
      };
    }
    if (reason === 'quota_exceeded') {
      return { title: 'Quota reached.', detail: `Nothing was spent.${refill}`, upgrade: true };
    }
    return { title: 'Not on your plan.', detail: 'Your plan does not include AI drafts.', upgrade: true };
  }
  if (isBillingApiError(error, 'insufficient_credits')) {
    const remaining = (error.details as { remaining?: unknown } | undefined)?.remaining;
    return {
      title: 'Not enough credits.',
      detail: `${cost}${typeof remaining === 'number' ? ` and you have ${credits(remaining)} left` : ''}. Nothing was spent.`,
      upgrade: true,
    };
  }
  if (error instanceof BillingNetworkError) {
    return {
      title: 'Billing could not be reached.',
      detail: `Try again in a moment. (${error.reason})`,
      upgrade: false,
    };
  }
  if (isBillingApiError(error)) {
    return { title: 'The billing API said no.', detail: `${error.message} (${error.code})`, upgrade: false };
  }
  return { title: 'Something went wrong.', detail: error.message, upgrade: false };
}

/** Why a draft was not written, said plainly, with the way out when there is one. */
export function DraftError({ error, length }: { error: Error; length: DraftLength }) {
  const { format } = useBillingContext('DraftError');
  const text = describe(error, length, format);
  return (
    <div role="alert" className="demo-notice demo-notice--error">
      <p>
        <strong>{text.title}</strong> {text.detail}
      </p>
      {text.upgrade ? (
        <p>
          <a href="#/pricing">See plans and credit packs</a>
        </p>
      ) : null}
    </div>
  );
}
