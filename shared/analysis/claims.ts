/**
 * Who said what, with which numbers: walks the relation graph of a document
 * from each claim back to its attribution cues (`content`: cue → claim) and
 * on to the credited actors (`source`: cue → actor), and collects the
 * figures written inside the claim. Labels and relation types are found by
 * their role in the schema, never by name. The figure table built from it is what
 * an analyst compares across outlets ("62 killed, per the ministry" vs
 * "more than 60, per monitors").
 */

import type { AnnotationSchema, Corpus, Document, Span } from '../model/schema';
import { labelsWithRole, relationTypesWithRole } from '../model/roles';
import { OffsetIndex } from '../text/offsets';
import { toCsv } from './csv';
import { CATEGORY_ORDER, countedCategory, FIGURE_QUALIFIERS, parseFigure, type FigureQualifier, type ParsedFigure } from './figures';

/** The labels and relation types that play each role in a schema (shared/model/roles.ts). */
export interface ChainRoles {
  claim: Set<string>;
  figure: Set<string>;
  source: Set<string>;
  content: Set<string>;
}

export function chainRoles(schema: AnnotationSchema): ChainRoles {
  return {
    claim: labelsWithRole(schema, 'claim'),
    figure: labelsWithRole(schema, 'figure'),
    source: relationTypesWithRole(schema, 'source'),
    content: relationTypesWithRole(schema, 'content'),
  };
}

export interface Chain {
  claim: Span;
  /** attribution cues pointing at the claim; empty for an unattributed claim */
  cues: Span[];
  /** actors credited by those cues */
  actors: Span[];
  /** figure spans lying within the claim's offsets */
  figures: Span[];
}

const byPosition = (a: Span, b: Span) => a.start - b.start || a.end - b.end;

export function attributionChains(doc: Document, schema: AnnotationSchema): Chain[] {
  const o = chainRoles(schema);
  const spanById = new Map(doc.spans.map((s) => [s.id, s]));
  const figures = doc.spans.filter((s) => o.figure.has(s.label));
  return doc.spans
    .filter((s) => o.claim.has(s.label))
    .sort(byPosition)
    .map((claim) => {
      const cueIds = new Set(doc.relations.filter((r) => o.content.has(r.type) && r.to === claim.id).map((r) => r.from));
      const actorIds = new Set(doc.relations.filter((r) => o.source.has(r.type) && cueIds.has(r.from)).map((r) => r.to));
      const pick = (ids: Set<string>) => [...ids].map((id) => spanById.get(id)).filter((s): s is Span => s !== undefined).sort(byPosition);
      return {
        claim,
        cues: pick(cueIds),
        actors: pick(actorIds),
        figures: figures.filter((f) => f.start >= claim.start && f.end <= claim.end).sort(byPosition),
      };
    });
}

/** An attribution cue linked to its source but not yet to any claim: work in progress, shown as incomplete. */
export interface OpenAttribution {
  cue: Span;
  actors: Span[];
}

export function openAttributions(doc: Document, schema: AnnotationSchema): OpenAttribution[] {
  const o = chainRoles(schema);
  const spanById = new Map(doc.spans.map((s) => [s.id, s]));
  const withContent = new Set(doc.relations.filter((r) => o.content.has(r.type) && spanById.has(r.to)).map((r) => r.from));
  const actorsByCue = new Map<string, Span[]>();
  for (const r of doc.relations) {
    const actor = spanById.get(r.to);
    if (!o.source.has(r.type) || withContent.has(r.from) || !actor) continue;
    actorsByCue.set(r.from, [...(actorsByCue.get(r.from) ?? []), actor]);
  }
  return [...actorsByCue]
    .flatMap(([cueId, actors]) => {
      const cue = spanById.get(cueId);
      return cue ? [{ cue, actors: actors.sort(byPosition) }] : [];
    })
    .sort((a, b) => byPosition(a.cue, b.cue));
}

/** One figure with its chain; the parsed-figure fields come from attributes or parseFigure. */
export interface FigureRow extends ParsedFigure {
  documentId: string;
  documentTitle: string;
  outlet: string | null;
  figureSpanId: string;
  figureText: string;
  start: number;
  end: number;
  annotator: string;
  category: string;
  claimSpanId: string | null;
  claimText: string | null;
  /** several cues or actors are joined with " | " */
  cueText: string | null;
  actorText: string | null;
}

function numberAttr(v: unknown): number | null | undefined {
  if (v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined; // absent or unusable: fall back to the parser
}

function textAttr(v: unknown): string | null | undefined {
  if (v === null) return null;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

const joinTexts = (spans: Span[]) => (spans.length ? spans.map((s) => s.text).join(' | ') : null);

/**
 * One row per figure span. Values the annotator stored as attributes win;
 * anything missing is read from the figure's text by parseFigure. A figure
 * inside nested claims belongs to the innermost one.
 */
export function claimsAndFigures(corpus: Corpus): FigureRow[] {
  const figureLabels = labelsWithRole(corpus.schema, 'figure');
  const rows: FigureRow[] = [];
  for (const doc of corpus.documents) {
    const chains = attributionChains(doc, corpus.schema);
    const index = new OffsetIndex(doc.text);
    const figures = doc.spans.filter((s) => figureLabels.has(s.label)).sort(byPosition);
    for (const f of figures) {
      let home: Chain | null = null;
      for (const c of chains) {
        if (!c.figures.includes(f)) continue;
        if (!home || c.claim.end - c.claim.start < home.claim.end - home.claim.start) home = c;
      }
      const a = f.attributes ?? {};
      const parsed = parseFigure(f.text);
      const q = a.qualifier;
      const qualifier = typeof q === 'string' && (FIGURE_QUALIFIERS as readonly string[]).includes(q) ? (q as FigureQualifier) : parsed.qualifier;
      const counted = textAttr(a.counted) !== undefined ? textAttr(a.counted)! : parsed.counted;
      let category = textAttr(a.category) ?? null;
      if (!category) {
        if (home) {
          // the figure's place inside the claim, in UTF-16 units of the claim text, lets the nearest outcome word decide
          const base = index.toUtf16(home.claim.start);
          const at = { start: index.toUtf16(f.start) - base, end: index.toUtf16(f.end) - base };
          category = countedCategory(counted ?? '', home.claim.text, at);
        } else {
          category = countedCategory(counted ?? f.text);
        }
      }
      rows.push({
        documentId: doc.id,
        documentTitle: doc.title,
        outlet: doc.source.outlet ?? null,
        figureSpanId: f.id,
        figureText: f.text,
        start: f.start,
        end: f.end,
        annotator: f.annotator,
        value: numberAttr(a.value) !== undefined ? numberAttr(a.value)! : parsed.value,
        min: numberAttr(a.min) !== undefined ? numberAttr(a.min)! : parsed.min,
        max: numberAttr(a.max) !== undefined ? numberAttr(a.max)! : parsed.max,
        qualifier,
        unit: textAttr(a.unit) !== undefined ? textAttr(a.unit)! : parsed.unit,
        counted,
        category,
        claimSpanId: home?.claim.id ?? null,
        claimText: home?.claim.text ?? null,
        cueText: home ? joinTexts(home.cues) : null,
        actorText: home ? joinTexts(home.actors) : null,
      });
    }
  }
  return rows;
}

/** The number a row is ranked by: the point value, else the lower bound, else the upper. */
export function sortValue(r: Pick<FigureRow, 'value' | 'min' | 'max'>): number | null {
  return r.value ?? r.min ?? r.max;
}

export interface FigureGroup {
  category: string;
  rows: FigureRow[];
}

/**
 * Rows by category (known categories in CATEGORY_ORDER, then others
 * alphabetically, 'other' last), each sorted by value ascending with
 * unreadable figures at the end.
 */
export function groupFigures(rows: readonly FigureRow[]): FigureGroup[] {
  const by = new Map<string, FigureRow[]>();
  for (const r of rows) {
    const list = by.get(r.category);
    if (list) list.push(r);
    else by.set(r.category, [r]);
  }
  const rank = (c: string) => (c === 'other' ? Infinity : CATEGORY_ORDER.indexOf(c) === -1 ? CATEGORY_ORDER.length : CATEGORY_ORDER.indexOf(c));
  return [...by.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, list]) => ({
      category,
      rows: list.slice().sort((x, y) => {
        const vx = sortValue(x);
        const vy = sortValue(y);
        if (vx === null || vy === null) return vx === vy ? 0 : vx === null ? 1 : -1;
        return vx - vy || x.documentTitle.localeCompare(y.documentTitle) || x.start - y.start;
      }),
    }));
}

export const FIGURE_COLUMNS: readonly (keyof FigureRow)[] = [
  'documentId', 'documentTitle', 'outlet', 'category', 'figureText', 'value', 'min', 'max', 'qualifier', 'unit', 'counted',
  'claimText', 'cueText', 'actorText', 'annotator', 'figureSpanId', 'claimSpanId', 'start', 'end',
];

export function figuresToCsv(rows: readonly FigureRow[]): string {
  return toCsv(FIGURE_COLUMNS, rows.map((r) => FIGURE_COLUMNS.map((c) => r[c])));
}

export function figuresToJson(rows: readonly FigureRow[] | readonly FigureGroup[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}
