import { expect, it } from 'vitest';
import { withOpened } from './recent-documents';

const all = () => true;

it('the document opened goes to the front once, the oldest falls off past the limit', () => {
  expect(withOpened([], 'a', all)).toEqual(['a']);
  expect(withOpened(['b', 'a'], 'a', all)).toEqual(['a', 'b']);
  expect(withOpened(['c', 'b', 'a'], 'd', all, 3)).toEqual(['d', 'c', 'b']);
});

it('documents no longer in the corpus drop out', () => {
  expect(withOpened(['b', 'gone', 'a'], 'c', (id) => id !== 'gone')).toEqual(['c', 'b', 'a']);
});
