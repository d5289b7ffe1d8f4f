import { describe, expect, it } from 'vitest';
import { CODECS, detectFormat, exportCodec, importCodec } from './index';

describe('format registry', () => {
  it('has an export for every ExportFormat and an import for the importable ones', () => {
    for (const f of ['spanmark', 'doccano', 'labelstudio', 'brat', 'conll', 'spacy', 'hf', 'csv'] as const) expect(exportCodec(f).id).toBe(f);
    for (const f of ['spanmark', 'doccano', 'labelstudio', 'brat', 'conll', 'txt', 'md'] as const) expect(typeof importCodec(f).import).toBe('function');
    expect(Object.keys(CODECS)).toContain('csv');
  });

  it.each([
    ['a.html', '<p>x</p>', 'html'],
    ['notes.md', '# T', 'md'],
    ['x.ann', 'T1\tclaim 0 1\ta', 'brat'],
    ['x.conll', 'a\tO', 'conll'],
    ['x.jsonl', '{"text": "a"}', 'doccano'],
    ['x.json', '[{"data": {"text": "a"}, "annotations": []}]', 'labelstudio'],
    ['x.json', '[{"text": "a", "label": []}]', 'doccano'],
    ['x.json', '{"schemaVersion": 1, "documents": []}', 'spanmark'],
    ['x.json', '{"foo": 1}', null],
    ['x.txt', 'EU\tB-ORG\nrejects\tO\n', 'conll'],
    ['x.txt', 'Just an article.\nWith lines.', 'txt'],
    ['x.txt', '<!DOCTYPE html><html>', 'html'],
    ['x.png', '', null],
  ])('detects %s', (name, text, expected) => {
    expect(detectFormat(name, text)).toBe(expected);
  });
});
