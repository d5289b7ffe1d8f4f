import type { FileProblem } from '../ipc/contract';
import type { Corpus, Document, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { baseTitle, fromCodePoints, isRecord, lineOfJsonValue, makeRelation, makeSpan, newDocument, parseJson, result, toCodePoints, trimWhitespace } from './common';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult, ImportOptions, ImportResult, OffsetUnit, TextFile } from './types';

/**
 * Label Studio JSON: a list of tasks `{data: {text}, annotations: [{result}]}`
 * with `labels` regions `{id, value: {start, end, text, labels}}` and
 * `relation` items `{from_id, to_id, direction, labels}`.
 *
 * Offsets: Label Studio's front end used JavaScript string indices
 * (UTF-16 units) until 2022 (label-studio#1347, #1008), then switched to
 * code points so exports line up with Python (label-studio-frontend#308,
 * label-studio#2420). Files of both vintages circulate, so on import each
 * region's stored `text` decides: code points are tried first, then UTF-16.
 * Exports default to code points (current Label Studio) and can be written
 * as UTF-16 for old installations.
 */

interface Region {
  spanIds: string[];
}

export function importLabelStudio(files: TextFile[], opts: ImportOptions = {}): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  const parsed = parseJson(file);
  if (!parsed.ok) return result([], [parsed.problem]);
  const tasks = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const documents: Document[] = [];
  let sawUtf16 = false;

  tasks.forEach((task, taskIndex) => {
    const taskLine = isRecord(task) && (typeof task.id === 'number' || typeof task.id === 'string') ? lineOfJsonValue(file.text, 'id', task.id) : undefined;
    const at = (line?: number) => (line ?? taskLine) !== undefined ? { line: (line ?? taskLine)! } : {};
    const problem = (message: string, line?: number) => problems.push({ file: file.name, ...at(line), message: `task ${taskIndex + 1}: ${message}` });
    const warn = (message: string) => warnings.push({ file: file.name, ...at(), message: `task ${taskIndex + 1}: ${message}` });
    if (!isRecord(task) || !isRecord(task.data)) return problem('a task needs a "data" object');
    const text = pickText(task.data);
    if (text === undefined) return problem('no text in "data" (expected data.text)');
    if (text.key !== 'text') warn(`read the text from data.${text.key}`);
    const title = typeof task.data.title === 'string' ? task.data.title : tasks.length > 1 ? `${baseTitle(file.name)} ${taskIndex + 1}` : baseTitle(file.name);
    const doc = newDocument({ title, text: text.value, fileName: file.name, format: 'labelstudio' });
    const index = new OffsetIndex(text.value);
    const annotations = Array.isArray(task.annotations) ? task.annotations : Array.isArray(task.completions) ? task.completions : [];
    if (Array.isArray(task.predictions) && task.predictions.length > 0) warn(`${task.predictions.length} prediction(s) skipped; only annotations are imported`);
    // one unit per task: a region whose text happens to match under both units then follows its siblings
    const taskUnit = opts.offsets ?? unitOfTask(index, annotations);
    const regions = new Map<string, Region>();
    const pendingRelations: { from: string; to: string; types: string[]; annotator: string; line: number | undefined; local: Map<string, Region>; accepted: boolean }[] = [];
    // regions Spanmark copied into another annotator's annotation so a relation could reach them (see export)
    const copies: { id: string; of: string; local: Map<string, Region> }[] = [];
    let trimmed = 0;
    let bidirectional = 0;

    for (const ann of annotations) {
      if (!isRecord(ann) || !Array.isArray(ann.result)) {
        problem('an annotation needs a "result" list');
        continue;
      }
      if (ann.was_cancelled === true) {
        warn('a skipped (cancelled) annotation was ignored');
        continue;
      }
      const annotator = annotatorOf(ann) ?? opts.annotator ?? 'unknown';
      // the annotation a project chose as gold: its spans count as accepted by its annotator, as after review
      const accepted = ann.ground_truth === true;
      // Label Studio's selection often keeps a space at an edge ("Jane Smith "), which spaCy cannot align (E1039); spans Spanmark wrote keep their bounds
      const trim = typeof ann.spanmark_annotator !== 'string';
      // region ids are unique within an annotation; copies made from predictions may repeat them across annotations
      const local = new Map<string, Region>();
      for (const item of ann.result) {
        if (!isRecord(item)) {
          problem(`result items must be objects, got ${JSON.stringify(item)}`);
          continue;
        }
        const line = typeof item.id === 'string' ? lineOfJsonValue(file.text, 'id', item.id) : undefined;
        if (item.type === 'relation') {
          const types = Array.isArray(item.labels) && item.labels.length > 0 ? item.labels.filter((l): l is string => typeof l === 'string') : ['related'];
          const [from, to] = item.direction === 'left' ? [item.to_id, item.from_id] : [item.from_id, item.to_id];
          if (item.direction === 'bi') bidirectional++;
          if (typeof from !== 'string' || typeof to !== 'string') problem('relation needs from_id and to_id', line);
          else pendingRelations.push({ from, to, types, annotator, line, local, accepted });
          continue;
        }
        if (typeof item.spanmark_copy_of === 'string' && typeof item.id === 'string') {
          copies.push({ id: item.id, of: item.spanmark_copy_of, local });
          continue;
        }
        if (item.type !== 'labels') {
          warn(`result of type ${JSON.stringify(item.type)} skipped; only "labels" and "relation" are imported`);
          continue;
        }
        const value = item.value;
        if (!isRecord(value) || !Array.isArray(value.labels)) {
          problem('a labels result needs value.labels', line);
          continue;
        }
        const located = locate(index, value.start, value.end, typeof value.text === 'string' ? value.text : undefined, taskUnit);
        if (typeof located === 'string') {
          problem(located, line);
          continue;
        }
        if (located.unit === 'utf16') sawUtf16 = true;
        const range = trim ? trimWhitespace(index, located) : located;
        if (!range) {
          warn(`region ${JSON.stringify(item.id ?? '')} covers only whitespace; skipped`);
          continue;
        }
        if (range.start !== located.start || range.end !== located.end) trimmed++;
        const note = isRecord(item.meta) && Array.isArray(item.meta.text) ? item.meta.text.filter((t) => typeof t === 'string').join('\n') : undefined;
        const spans: Span[] = [];
        for (const label of value.labels) {
          if (typeof label !== 'string' || label === '') problem(`label must be a string, got ${JSON.stringify(label)}`, line);
          else spans.push({ ...makeSpan(index, { label, start: range.start, end: range.end, annotator, ...(note ? { note } : {}) }), ...(accepted ? { acceptedBy: annotator } : {}) });
        }
        doc.spans.push(...spans);
        if (typeof item.id === 'string') {
          local.set(item.id, { spanIds: spans.map((s) => s.id) });
          if (!regions.has(item.id)) regions.set(item.id, { spanIds: spans.map((s) => s.id) });
        }
      }
    }
    for (const c of copies) {
      const original = regions.get(c.of);
      if (original) c.local.set(c.id, original);
      else problem(`region ${c.id} is a copy of ${c.of}, which is not in the task`);
    }
    for (const r of pendingRelations) {
      const from = (r.local.get(r.from) ?? regions.get(r.from))?.spanIds[0];
      const to = (r.local.get(r.to) ?? regions.get(r.to))?.spanIds[0];
      if (!from || !to) {
        problem(`relation ${r.from} → ${r.to} points to a missing region`, r.line);
        continue;
      }
      for (const type of r.types) doc.relations.push({ ...makeRelation({ type, from, to, annotator: r.annotator }), ...(r.accepted ? { acceptedBy: r.annotator } : {}) });
    }
    if (trimmed) warn(`${trimmed} region(s) started or ended with whitespace; trimmed to the words (spaCy and most tools cannot align such spans)`);
    if (bidirectional) warn(`${bidirectional} relation(s) are bidirectional ("bi"); Spanmark relations have a direction, so each was imported as from → to`);
    documents.push(doc);
  });
  if (sawUtf16) warnings.push({ file: file.name, message: 'some offsets were UTF-16 (Label Studio before 2022) and were converted to code points' });
  return result(documents, problems, warnings);
}

function pickText(data: Record<string, unknown>): { key: string; value: string } | undefined {
  if (typeof data.text === 'string') return { key: 'text', value: data.text };
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string' && key !== 'title') return { key, value };
  return undefined;
}

function annotatorOf(ann: Record<string, unknown>): string | undefined {
  if (typeof ann.spanmark_annotator === 'string') return ann.spanmark_annotator;
  const by = ann.completed_by;
  if (isRecord(by)) {
    for (const k of ['email', 'username', 'id']) if (typeof by[k] === 'string' || typeof by[k] === 'number') return String(by[k]);
  }
  if (typeof by === 'number' || typeof by === 'string') return `user ${by}`;
  return undefined;
}

/** Label Studio has normalised whitespace inside `text` in some versions (\r\n → \n); the offsets are still right then. */
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The unit under which every region of the task matches its stored text, if there is one. */
function unitOfTask(index: OffsetIndex, annotations: unknown[]): OffsetUnit | undefined {
  const values = annotations
    .flatMap((a) => (isRecord(a) && Array.isArray(a.result) ? a.result : []))
    .map((item) => (isRecord(item) && item.type === 'labels' && isRecord(item.value) ? item.value : null))
    .filter((v): v is Record<string, unknown> => v !== null && typeof v.text === 'string');
  if (!values.length) return undefined;
  return (['codepoint', 'utf16'] as const).find((unit) =>
    values.every((v) => {
      const r = toCodePoints(index, v.start, v.end, unit);
      return typeof r !== 'string' && squash(index.slice(r.start, r.end)) === squash(v.text as string);
    }),
  );
}

/**
 * Finds the offset unit under which the region's stored text matches the
 * document: exact matches first under either unit, whitespace-tolerant
 * ones only after, so a tolerant code point match cannot shadow an exact
 * UTF-16 one.
 */
function locate(index: OffsetIndex, start: unknown, end: unknown, text: string | undefined, forced: OffsetUnit | undefined): { start: number; end: number; unit: OffsetUnit } | string {
  const units: OffsetUnit[] = forced ? [forced] : ['codepoint', 'utf16'];
  const candidates: { start: number; end: number; unit: OffsetUnit; actual: string }[] = [];
  let error = '';
  for (const unit of units) {
    const r = toCodePoints(index, start, end, unit);
    if (typeof r === 'string') error ||= r;
    else candidates.push({ ...r, unit, actual: index.slice(r.start, r.end) });
  }
  const pick = (c: (typeof candidates)[number]) => ({ start: c.start, end: c.end, unit: c.unit });
  if (text === undefined) return candidates[0] ? pick(candidates[0]) : error;
  const exact = candidates.find((c) => c.actual === text) ?? candidates.find((c) => squash(c.actual) === squash(text));
  if (exact) return pick(exact);
  const found = candidates[0] ? ` (found ${JSON.stringify(candidates[0].actual)})` : ` (${error})`;
  return `region text ${JSON.stringify(text)} does not match the document at ${String(start)}–${String(end)}${found}`;
}

/**
 * One annotation per annotator, as Label Studio keeps one per user. Label
 * Studio resolves a relation's `from_id`/`to_id` inside its own annotation
 * only, so a relation goes to its annotator's annotation, and an end drawn
 * by someone else is copied into it as a region marked `spanmark_copy_of`
 * (import maps the copy back to the original span). `completed_by` is
 * written as `{email}` when the annotator name is an email address, which
 * Label Studio matches to its users; it refuses unknown users, so other
 * names stay in `spanmark_annotator` only. Gold spans (accepted in review)
 * make a `ground_truth` annotation. A labelling config comes with it.
 */
export function exportLabelStudio(corpus: Corpus, opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const unit = opts.offsets ?? 'codepoint';
  let spans = 0;
  const tasks = filtered.documents.map((doc, i) => {
    const index = new OffsetIndex(doc.text);
    const byAnnotator = new Map<string, { result: unknown[]; regions: Set<string>; spans: Span[] }>();
    const annotationOf = (annotator: string) => {
      let a = byAnnotator.get(annotator);
      if (!a) byAnnotator.set(annotator, (a = { result: [], regions: new Set(), spans: [] }));
      return a;
    };
    const region = (s: Span, id: string, extra: Record<string, unknown> = {}) => {
      const { start, end } = fromCodePoints(index, s.start, s.end, unit);
      return {
        id,
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        origin: 'manual',
        value: { start, end, text: s.text, labels: [s.label] },
        ...(s.note ? { meta: { text: [s.note] } } : {}),
        ...extra,
      };
    };
    for (const s of doc.spans) {
      const a = annotationOf(s.annotator);
      a.result.push(region(s, s.id));
      a.regions.add(s.id);
      a.spans.push(s);
    }
    spans += doc.spans.length;
    const byId = new Map(doc.spans.map((s) => [s.id, s]));
    for (const r of doc.relations) {
      const a = annotationOf(r.annotator);
      const end = (id: string) => {
        if (a.regions.has(id)) return id;
        const copy = `${id}~${r.annotator}`;
        const s = byId.get(id);
        if (s && !a.regions.has(copy)) {
          a.result.push(region(s, copy, { spanmark_copy_of: id }));
          a.regions.add(copy);
        }
        return copy;
      };
      a.result.push({ from_id: end(r.from), to_id: end(r.to), type: 'relation', direction: 'right', labels: [r.type] });
    }
    return {
      id: i + 1,
      data: { text: doc.text, title: doc.title, spanmark_id: doc.id },
      annotations: [...byAnnotator].map(([annotator, a]) => ({
        spanmark_annotator: annotator,
        ...(/^[^\s@]+@[^\s@]+$/.test(annotator) ? { completed_by: { email: annotator } } : {}),
        ground_truth: a.spans.length > 0 && a.spans.every((s) => s.acceptedBy !== undefined),
        result: a.result,
      })),
    };
  });
  return {
    files: [
      { path: 'corpus.labelstudio.json', data: JSON.stringify(tasks, null, 2) + '\n' },
      { path: 'config.xml', data: labellingConfig(filtered) },
    ],
    documents: tasks.length,
    spans,
    warnings: [],
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The project's labelling interface, so a Label Studio project can be set up from the export (Settings → Labeling Interface → Code). */
export function labellingConfig(corpus: Corpus): string {
  const labels = new Map(corpus.schema.labels.map((l) => [l.name, l.color]));
  const types = new Set(corpus.schema.relationTypes.map((t) => t.name));
  for (const d of corpus.documents) {
    for (const s of d.spans) if (!labels.has(s.label)) labels.set(s.label, '#888888');
    for (const r of d.relations) types.add(r.type);
  }
  return [
    '<View>',
    '  <Relations>',
    ...[...types].map((t) => `    <Relation value="${xml(t)}"/>`),
    '  </Relations>',
    '  <Labels name="label" toName="text">',
    ...[...labels].map(([name, color]) => `    <Label value="${xml(name)}" background="${xml(color)}"/>`),
    '  </Labels>',
    '  <Text name="text" value="$text" granularity="symbol"/>',
    '</View>',
    '',
  ].join('\n');
}

export const labelStudioCodec: Codec = { id: 'labelstudio', extension: '.json', import: importLabelStudio, export: exportLabelStudio };
