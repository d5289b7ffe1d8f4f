import type { Span } from '../../../shared/model/schema';

/**
 * Spans by id for the Spans panel, following each new list of the document
 * by what changed instead of rebuilding a map of every span: one labelled,
 * deleted or relabelled span costs one pass of pointer comparisons and a
 * map update or two, not 20,000 insertions. A reordered list (or many
 * changes at once) is simply indexed again.
 */
export class SpanLookup {
  private list: readonly Span[] = [];
  private readonly byId = new Map<string, Span>();

  update(next: readonly Span[]): void {
    const prev = this.list;
    if (next === prev) return;
    this.list = next;
    const added = new Set<string>();
    let changes = 0;
    let i = 0;
    let j = 0;
    while (i < prev.length || j < next.length) {
      const a = prev[i];
      const b = next[j];
      if (a === b) {
        i++;
        j++;
      } else if (a && b && a.id === b.id) {
        this.byId.set(b.id, b);
        i++;
        j++;
      } else if (++changes > 64) {
        return this.rebuild();
      } else if (b && (!a || next[j + 1]?.id === a.id || !this.byId.has(b.id))) {
        this.byId.set(b.id, b);
        added.add(b.id);
        j++;
      } else if (a) {
        // a span that moved rather than went: seen (or to be seen) again in the new list
        if (!added.has(a.id)) this.byId.delete(a.id);
        i++;
      } else return this.rebuild();
    }
    if (this.byId.size !== next.length) this.rebuild();
  }

  private rebuild(): void {
    this.byId.clear();
    for (const s of this.list) this.byId.set(s.id, s);
  }

  get(id: string): Span | undefined {
    return this.byId.get(id);
  }

  /** Place in the list; a scan, as it is asked for once per change (the selected span), not per row. */
  indexOf(id: string): number {
    return this.list.findIndex((s) => s.id === id);
  }
}
