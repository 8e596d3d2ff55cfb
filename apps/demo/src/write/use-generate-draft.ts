import type { CheckResult } from '@billing-kit/contracts';
import { useBillingContext, useTrack } from '@billing-kit/react';
import { useMutation } from '@tanstack/react-query';
import { type DraftLength, writeDraft } from './draft-writer.ts';

/** `check` said no: nothing was spent. */
export class DraftDenied extends Error {
  constructor(readonly check: CheckResult) {
    super(`Not allowed: ${check.reason ?? 'denied'}`);
    this.name = 'DraftDenied';
  }
}

export interface GeneratedDraft {
  text: string;
  spent: number;
  /** Credits left after this draft; `null` when unlimited. */
  remaining: number | null;
}

/**
 * What a host app does around a paid action: ask `check` first (cheap, spends nothing), do the work,
 * then `track` what it cost. `track` can still refuse (402) if another tab spent the credits meanwhile.
 */
export function useGenerateDraft(accountId: string) {
  const { client } = useBillingContext('useGenerateDraft');
  const track = useTrack(accountId);
  return useMutation({
    mutationKey: ['demo', 'generate', accountId],
    mutationFn: async ({ prompt, length }: { prompt: string; length: DraftLength }) => {
      const check = await client.check({ accountId, feature: 'credits', amount: length.credits });
      if (!check.allowed) throw new DraftDenied(check);
      const text = writeDraft(prompt, length);
      const tracked = await track.mutateAsync({ feature: 'credits', amount: length.credits });
      return { text, spent: length.credits, remaining: tracked.remaining } satisfies GeneratedDraft;
    },
  });
}
