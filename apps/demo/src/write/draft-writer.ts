/** How long a draft is, and what it costs: the product's price list in credits. */
export const draftLengths = [
  { id: 'tagline', label: 'Tagline', credits: 1, sentences: 1 },
  { id: 'paragraph', label: 'Paragraph', credits: 3, sentences: 4 },
  { id: 'article', label: 'Article', credits: 10, sentences: 12 },
] as const;

export type DraftLength = (typeof draftLengths)[number];
export type DraftLengthId = DraftLength['id'];

export function draftLength(id: DraftLengthId): DraftLength {
  return draftLengths.find((length) => length.id === id) ?? draftLengths[0];
}

const openings = [
  'Here is the heart of it:',
  'Picture this:',
  'Start with the reader in mind.',
  'Every good story has a turn, and this one is no exception.',
];
const middles = [
  'it saves an afternoon every week',
  'it says more with fewer words',
  'it keeps the promise the headline makes',
  'it turns a rough idea into something worth sharing',
];

/**
 * The "AI" of the demo: a deterministic stand-in, because what the demo shows is the billing around the
 * model (check, then track), not the model.
 */
export function writeDraft(prompt: string, length: DraftLength): string {
  const topic =
    prompt
      .trim()
      .replace(/\s+/g, ' ')
      .replace(/[.!?]+$/, '') || 'your idea';
  let seed = [...topic].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7);
  const pick = (list: readonly string[]) => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return list[seed % list.length] ?? list[0];
  };
  if (length.sentences === 1) return `${topic}: ${pick(middles)}.`;
  return Array.from({ length: length.sentences }, (_, index) =>
    index === 0 ? `${pick(openings)} ${topic}.` : `What matters is that ${pick(middles)}.`,
  ).join(' ');
}
