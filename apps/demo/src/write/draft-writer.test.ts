import { describe, expect, test } from 'vitest';
import { draftLength, isReserved, reservedCost, writeDraft } from './draft-writer.ts';

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

  test('an article costs its words, one credit per 12, never more than the 10 it holds', () => {
    const article = draftLength('article');
    if (!isReserved(article)) throw new Error('the article is reserved');
    const text = writeDraft('A launch post for our new note-taking app', article);
    expect(text.split(' ')).toHaveLength(93);
    expect(reservedCost(text, article)).toBe(8);
    expect(reservedCost('word '.repeat(500), article)).toBe(10);
    expect(reservedCost('one', article)).toBe(1);
    expect(isReserved(draftLength('paragraph'))).toBe(false);
  });
});
