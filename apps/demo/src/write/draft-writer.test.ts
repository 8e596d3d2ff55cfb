import { describe, expect, test } from 'vitest';
import { draftLength, writeDraft } from './draft-writer.ts';

describe('writeDraft', () => {
  test('writes the same draft for the same prompt, so screenshots and tests are stable', () => {
    const prompt = 'A launch post for our app';
    expect(writeDraft(prompt, draftLength('paragraph'))).toBe(writeDraft(prompt, draftLength('paragraph')));
  });

  test('a longer draft has more sentences and does not repeat itself', () => {
    const sentences = writeDraft('Spring sale', draftLength('paragraph')).split(/(?<=\.) /);
    expect(sentences).toHaveLength(4);
    expect(new Set(sentences).size).toBe(4);
    expect(writeDraft('Spring sale', draftLength('tagline'))).toMatch(/^Spring sale: it /);
  });
});
