/**
 * How long a draft is, and what it costs: the product's price list in credits. Short drafts cost a fixed
 * price (`check`, then `track`). An article is a long job: its `credits` are reserved before it starts and
 * it is charged for the words it really wrote, one credit per `wordsPerCredit`, never more than the hold.
 */
export const draftLengths = [
  { id: 'tagline', label: 'Tagline', credits: 1, sentences: 1, billing: 'track' },
  { id: 'paragraph', label: 'Paragraph', credits: 3, sentences: 4, billing: 'track' },
  { id: 'article', label: 'Article', credits: 10, sentences: 12, billing: 'reserve', wordsPerCredit: 12 },
] as const;

export type DraftLength = (typeof draftLengths)[number];
export type DraftLengthId = DraftLength['id'];
export type ReservedLength = Extract<DraftLength, { billing: 'reserve' }>;

export const isReserved = (length: DraftLength): length is ReservedLength => length.billing === 'reserve';

/** What a reserved draft really costs: its words, priced per `wordsPerCredit`, capped at what was held. */
export function reservedCost(text: string, length: ReservedLength): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.min(length.credits, Math.max(1, Math.ceil(words / length.wordsPerCredit)));
}

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
  'It saves an afternoon every week.',
  'It says more with fewer words.',
  'It keeps the promise the headline makes.',
  'It turns a rough idea into something worth sharing.',
  'It meets people where they already are.',
  'It is simple to try and hard to put down.',
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
  const seed = [...topic].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 1_000_003, 7);
  const opening = openings[seed % openings.length];
  const sentences = Array.from(
    { length: length.sentences - 1 },
    (_, index) => middles[(seed + index) % middles.length],
  );
  if (length.sentences === 1) return `${topic}: ${middles[seed % middles.length]?.toLowerCase()}`;
  return [`${opening} ${topic}.`, ...sentences].join(' ');
}
