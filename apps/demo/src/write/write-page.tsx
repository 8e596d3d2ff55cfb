import { UsageMeters } from '@billing-kit/react';
import { type FormEvent, useId, useState } from 'react';
import { DraftError } from './draft-error.tsx';
import { type DraftLengthId, draftLength, draftLengths } from './draft-writer.ts';
import { useGenerateDraft } from './use-generate-draft.ts';

/** The product: write a draft, pay for it in credits, and watch the meter beside it move. */
export function WritePage({ accountId }: { accountId: string }) {
  const [prompt, setPrompt] = useState('A launch post for our new note-taking app');
  const [lengthId, setLengthId] = useState<DraftLengthId>('paragraph');
  const generate = useGenerateDraft(accountId);
  const length = draftLength(lengthId);
  const promptId = useId();
  const costId = useId();

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
                {option.label}{' '}
                <span className="demo-muted">
                  ({option.credits} {option.credits === 1 ? 'credit' : 'credits'})
                </span>
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
            <span id={costId} className="demo-muted">
              Costs {length.credits} {length.credits === 1 ? 'credit' : 'credits'}
            </span>
          </div>
        </form>
        <div aria-live="polite" className="demo-write__result">
          {generate.isSuccess ? (
            <article className="demo-draft" aria-labelledby="draft-heading">
              <h2 id="draft-heading">Your draft</h2>
              <p>{generate.data.text}</p>
              <p className="demo-muted">
                Spent {generate.data.spent} {generate.data.spent === 1 ? 'credit' : 'credits'}
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
          Every draft asks <code>check</code> first, then records its cost with <code>track</code>.{' '}
          <a href="#/billing">Billing details</a>
        </p>
      </aside>
    </div>
  );
}
