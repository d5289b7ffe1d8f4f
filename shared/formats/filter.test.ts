import { describe, expect, it } from 'vitest';
import { goldenCorpus } from './__fixtures__/golden';
import { applyFilters } from './filter';

describe('applyFilters', () => {
  it('keeps everything with no filters', () => {
    const c = goldenCorpus();
    expect(applyFilters(c, {})).toEqual(c);
  });

  it('filters documents by status and id', () => {
    expect(applyFilters(goldenCorpus(), { status: ['todo'] }).documents.map((d) => d.id)).toEqual(['doc-2']);
    expect(applyFilters(goldenCorpus(), { documentIds: ['doc-1'] }).documents.map((d) => d.id)).toEqual(['doc-1']);
  });

  it('filters spans by label and annotator and drops relations that lose an end', () => {
    const byBob = applyFilters(goldenCorpus(), { annotators: ['bob'] });
    expect(byBob.documents[0]!.spans.map((s) => s.id)).toEqual(['s3', 's9']);
    expect(byBob.documents[0]!.relations).toEqual([]);
    const attrib = applyFilters(goldenCorpus(), { labels: ['attribution', 'claim'] });
    expect(attrib.documents[0]!.relations.map((r) => r.id)).toEqual(['r2']);
  });
});
