import { UsageMeters } from '@billing-kit/react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { DraftError } from './draft-error.tsx';
import {
  type DraftLength,
  type DraftLengthId,
  draftLength,
  draftLengths,
  isReserved,
} from './draft-writer.ts';
import { useGenerateDraft } from './use-generate-draft.ts';

const credits = (count: number) => `${count} ${count === 1 ? 'credit' : 'credits'}`;

/** The price as the length's radio says it: a fixed price, or what an article holds at most. */
const priceOf = (length: DraftLength) =>
  isReserved(length) ? `up to ${credits(length.credits)}` : credits(length.credits);

/** How it is charged, beside Generate. */
const chargeOf = (length: DraftLength) =>
  isReserved(length)
    ? `Holds ${credits(length.credits)} while it writes, then costs 1 per ${length.wordsPerCredit} words`
    : `Costs ${credits(length.credits)}`;

/** The product: write a draft, pay for it in credits, and watch the meter beside it move. */
export function WritePage({ accountId }: { accountId: string }) {
  const [prompt, setPrompt] = useState('A launch post for our new note-taking app');
  const [lengthId, setLengthId] = useState<DraftLengthId>('paragraph');
  const generate = useGenerateDraft(accountId);
  const length = draftLength(lengthId);
  const promptId = useId();
  const costId = useId();
  const promptRef = useRef<HTMLTextAreaElement>(null);
  // Stop disappears with the hold it stops: keyboard focus goes back to the prompt, not to the page body.
  const stop = () => {
    generate.stop();
    promptRef.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    generate.mutate({ prompt, length });
  };

  return (
    <div className="demo-write">
      <section className="demo-panel" aria-labelledby="write-heading">
        <h1 id="write-heading">Write</h1>
        <form className="demo-write__form" onSubmit={submit}>
          <label htmlFor={promptId}>What should Quill write?</label>
          <textarea
            ref={promptRef}
            id={promptId}
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            rows={4}
            required
          />
          <fieldset className="demo-write__lengths">
            <legend>Length</legend>
            {draftLengths.map((option) => (
              <label key={option.id} className="demo-choice">
                <input
                  type="radio"
                  name="length"
                  value={option.id}
                  checked={option.id === lengthId}
                  onChange={() => setLengthId(option.id)}
                />
                {option.label} <span className="demo-muted">({priceOf(option)})</span>
              </label>
            ))}
          </fieldset>
          <div className="demo-write__actions">
            <button
              type="submit"
              className="demo-button demo-button--primary"
              disabled={generate.isPending || prompt.trim() === ''}
              aria-describedby={costId}
            >
              {generate.isPending ? 'Generating…' : 'Generate'}
            </button>
            {generate.hold ? (
              <button type="button" className="demo-button" onClick={stop}>
                Stop
              </button>
            ) : null}
            <span id={costId} className="demo-muted">
              {chargeOf(length)}
            </span>
          </div>
        </form>
        <div aria-live="polite" className="demo-write__result">
          {generate.hold ? (
            <p className="demo-write__holding">
              Holding {credits(generate.hold.amount)} while Quill writes your article…
            </p>
          ) : null}
          {generate.isSuccess ? (
            <article className="demo-draft" aria-labelledby="draft-heading">
              <h2 id="draft-heading">Your draft</h2>
              <p>{generate.data.text}</p>
              <p className="demo-muted">
                Spent {credits(generate.data.spent)}
                {generate.data.held === null
                  ? ''
                  : ` · ${generate.data.held} held, ${generate.data.held - generate.data.spent} returned`}
                {generate.data.remaining === null ? '' : ` · ${generate.data.remaining} left`}
              </p>
            </article>
          ) : null}
        </div>
        {generate.isError ? <DraftError error={generate.error} length={generate.variables.length} /> : null}
      </section>
      <aside className="demo-panel demo-write__usage" aria-labelledby="usage-heading">
        <h2 id="usage-heading">Your credits</h2>
        <UsageMeters features={['credits']} />
        <p className="demo-muted">
          A tagline or a paragraph asks <code>check</code> first, then records its cost with{' '}
          <code>track</code>. An article holds its credits with <code>reserve</code> before it starts (the
          hatched part of the meter), then confirms what it used, or releases them if stopped.{' '}
          <a href="#/billing">Billing details</a>
        </p>
      </aside>
    </div>
  );
}
