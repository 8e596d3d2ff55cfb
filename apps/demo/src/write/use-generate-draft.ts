import type { CheckResult } from '@billing-kit/contracts';
import {
  useBillingContext,
  useConfirmReservation,
  useReleaseReservation,
  useReserve,
  useTrack,
} from '@billing-kit/react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  type DraftLength,
  isReserved,
  type ReservedLength,
  reservedCost,
  writeDraft,
} from './draft-writer.ts';

/** `check` said no: nothing was spent. */
export class DraftDenied extends Error {
  constructor(readonly check: CheckResult) {
    super(`Not allowed: ${check.reason ?? 'denied'}`);
    this.name = 'DraftDenied';
  }
}

/** The writer pressed Stop while an article was being written: its hold was released, nothing spent. */
export class DraftStopped extends Error {
  constructor(readonly held: number) {
    super('Stopped before the draft was finished');
    this.name = 'DraftStopped';
  }
}

export interface GeneratedDraft {
  text: string;
  spent: number;
  /** Credits left after this draft; `null` when unlimited. */
  remaining: number | null;
  /** For an article: what its reservation held before it started (`held - spent` went back). */
  held: number | null;
}

/** An article's reservation while it is being written. */
export interface DraftHold {
  reservationId: string;
  amount: number;
  expiresAt: string;
}

/** How long the stand-in model takes over an article: long enough to see the hold on the meter. */
export const ARTICLE_WRITING_MS = 1_500;
/** A forgotten hold (a closed tab) gives its credits back by itself after this long. */
const ARTICLE_HOLD_TTL_SECONDS = 120;

const newDraftId = () =>
  `draft-${[...crypto.getRandomValues(new Uint32Array(2))].map((part) => part.toString(36)).join('')}`;

function writing(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/**
 * What a host app does around a paid action. A short draft asks `check` first (cheap, spends nothing),
 * does the work, then `track`s what it cost; `track` can still refuse (402) if another tab spent the
 * credits meanwhile. An article is a long job: it `reserve`s its credits first (keyed by the draft's id,
 * so a retried request holds once), writes, then confirms what it really cost — or releases the hold
 * when it fails or is stopped, so nothing waits for the hold to expire.
 */
export function useGenerateDraft(accountId: string) {
  const { client } = useBillingContext('useGenerateDraft');
  const track = useTrack(accountId);
  const reserve = useReserve(accountId);
  const confirm = useConfirmReservation(accountId);
  const release = useReleaseReservation(accountId);
  const [hold, setHold] = useState<DraftHold | null>(null);
  const stopping = useRef<AbortController | null>(null);

  async function writeReserved(prompt: string, length: ReservedLength): Promise<GeneratedDraft> {
    const reservation = await reserve.mutateAsync({
      feature: 'credits',
      amount: length.credits,
      ttlSeconds: ARTICLE_HOLD_TTL_SECONDS,
      idempotencyKey: newDraftId(),
    });
    const stop = new AbortController();
    stopping.current = stop;
    setHold({ reservationId: reservation.id, amount: reservation.amount, expiresAt: reservation.expiresAt });
    try {
      await writing(ARTICLE_WRITING_MS, stop.signal);
      const text = writeDraft(prompt, length);
      const spent = reservedCost(text, length);
      const confirmed = await confirm.mutateAsync({ reservationId: reservation.id, amount: spent });
      return { text, spent, held: reservation.amount, remaining: confirmed.remaining };
    } catch (error) {
      // Best effort: if this fails too, the hold still expires by itself after its ttl.
      await release.mutateAsync({ reservationId: reservation.id }).catch(() => undefined);
      throw stop.signal.aborted ? new DraftStopped(reservation.amount) : error;
    } finally {
      stopping.current = null;
      setHold(null);
    }
  }

  const mutation = useMutation({
    mutationKey: ['demo', 'generate', accountId],
    mutationFn: async ({ prompt, length }: { prompt: string; length: DraftLength }) => {
      if (isReserved(length)) return writeReserved(prompt, length);
      const check = await client.check({ accountId, feature: 'credits', amount: length.credits });
      if (!check.allowed) throw new DraftDenied(check);
      const text = writeDraft(prompt, length);
      const tracked = await track.mutateAsync({ feature: 'credits', amount: length.credits });
      return {
        text,
        spent: length.credits,
        remaining: tracked.remaining,
        held: null,
      } satisfies GeneratedDraft;
    },
  });
  return { ...mutation, hold, stop: () => stopping.current?.abort() };
}
