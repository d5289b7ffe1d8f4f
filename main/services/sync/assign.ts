/**
 * Hands documents out to annotators: every document to one annotator in
 * turn, and a chosen fraction of them to a second one as well, so the lead
 * can measure agreement on the overlap. Deterministic for the same input,
 * and spread evenly: overlapping documents are every k-th one, not the
 * first block (which would all be the easy, early articles).
 */
export function assignDocuments(docIds: readonly string[], annotators: readonly string[], overlap: number): Record<string, string[]> {
  if (!annotators.length) throw new Error('Name at least one annotator.');
  if (!(overlap >= 0 && overlap <= 1)) throw new Error('The overlap is a fraction between 0 and 1 (e.g. 0.2 for 20%).');
  if (overlap > 0 && annotators.length < 2) throw new Error('An overlap needs at least two annotators.');
  const out: Record<string, string[]> = {};
  const twice = Math.round(docIds.length * overlap);
  const pickTwice = new Set<number>();
  for (let k = 0; k < twice; k++) pickTwice.add(Math.floor((k * docIds.length) / twice));
  let next = 0;
  docIds.forEach((id, i) => {
    const first = annotators[next % annotators.length]!;
    next++;
    const people = [first];
    if (pickTwice.has(i)) {
      people.push(annotators[next % annotators.length]!);
      next++;
    }
    out[id] = people;
  });
  return out;
}
