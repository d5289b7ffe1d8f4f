import { describe, expect, it } from 'vitest';
import { paragraphDirection, visualCaretCommand } from './bidi';

describe('paragraph direction (as dir="auto" resolves it)', () => {
  it('takes the first strong character of the paragraph holding the offset', () => {
    const text = 'Reuters reported:\nقالت الوزارة إن 100 آخرين أصيبوا.\n100 people, said شهود.';
    expect(paragraphDirection(text, 3)).toBe('ltr');
    expect(paragraphDirection(text, text.indexOf('الوزارة'))).toBe('rtl');
    // digits and punctuation are weak: the Arabic that follows decides
    expect(paragraphDirection('100 آخرين', 0)).toBe('rtl');
    expect(paragraphDirection(text, text.indexOf('شهود'))).toBe('ltr');
    expect(paragraphDirection('עברית', 2)).toBe('rtl');
    expect(paragraphDirection('', 0)).toBe('ltr');
    expect(paragraphDirection('123 ...', 2)).toBe('ltr');
  });

  it('at a paragraph boundary, the offset belongs to the paragraph that starts there', () => {
    const text = 'English\nعربي';
    expect(paragraphDirection(text, text.indexOf('ع'))).toBe('rtl');
    expect(paragraphDirection(text, text.indexOf('\n'))).toBe('ltr');
  });

  it('mirrors left/right word and character moves in right-to-left paragraphs only', () => {
    expect(visualCaretCommand('select-word-grow', 'rtl')).toBe('select-word-shrink');
    expect(visualCaretCommand('select-word-shrink', 'rtl')).toBe('select-word-grow');
    expect(visualCaretCommand('caret-word-next', 'rtl')).toBe('caret-word-previous');
    expect(visualCaretCommand('select-char-grow', 'rtl')).toBe('select-char-shrink');
    expect(visualCaretCommand('select-word-grow', 'ltr')).toBe('select-word-grow');
    // up/down, start/end are not left/right
    expect(visualCaretCommand('caret-sentence-next', 'rtl')).toBe('caret-sentence-next');
    expect(visualCaretCommand('caret-end', 'rtl')).toBe('caret-end');
  });
});
