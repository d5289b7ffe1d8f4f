import { z } from 'zod';
import { LABEL_ROLES, RELATION_ROLES } from './roles';
import { SuggestSettingsSchema } from '../suggest/settings';

/**
 * The native corpus format. Offsets count Unicode code points (Python slicing),
 * `text` is stored beside them as a check. Bump SCHEMA_VERSION only together
 * with a migration in ./migrations.ts.
 */
export const SCHEMA_VERSION = 2;

const id = z.string().min(1).max(200);
const isoTime = z.string().min(1);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');

export const LabelSchema = z.object({
  name: z.string().min(1).max(64),
  description: z.string().default(''),
  color,
  /** single key that applies the label; defaults to its 1-based position */
  key: z.string().max(1).optional(),
  examples: z.array(z.string()).default([]),
  /** what the label means to Spanmark's views (shared/model/roles.ts); optional */
  role: z.enum(LABEL_ROLES).optional(),
});

export const RelationTypeSchema = z.object({
  name: z.string().min(1).max(64),
  description: z.string().default(''),
  /** labels allowed at each end; empty means any */
  from: z.array(z.string()).default([]),
  to: z.array(z.string()).default([]),
  color,
  key: z.string().max(1).optional(),
  /** `source` (cue → actor) or `content` (cue → claim), for the attribution views */
  role: z.enum(RELATION_ROLES).optional(),
});

export const AnnotationSchemaSchema = z.object({
  labels: z.array(LabelSchema),
  relationTypes: z.array(RelationTypeSchema),
});

export const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const SpanSchema = z.object({
  id,
  label: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  annotator: z.string().default('unknown'),
  createdAt: isoTime,
  updatedAt: isoTime,
  note: z.string().optional(),
  attributes: z.record(z.string(), AttributeValue).optional(),
  /** adjudication trail: who proposed the span, who accepted it into gold */
  proposedBy: z.array(z.string()).optional(),
  acceptedBy: z.string().optional(),
  /** the suggester an accepted suggestion came from (shared/suggest) */
  suggestedBy: z.string().optional(),
});

export const RelationSchema = z.object({
  id,
  type: z.string().min(1),
  from: id,
  to: id,
  annotator: z.string().default('unknown'),
  createdAt: isoTime.optional(),
  proposedBy: z.array(z.string()).optional(),
  acceptedBy: z.string().optional(),
  suggestedBy: z.string().optional(),
  /** free text, as brat keeps AnnotatorNotes on relations */
  note: z.string().optional(),
});

export const DocumentStatus = z.enum(['todo', 'in_progress', 'done', 'reviewed']);

export const SourceSchema = z.object({
  fileName: z.string().optional(),
  url: z.string().optional(),
  outlet: z.string().optional(),
  format: z.string().optional(),
});

export const DocumentSchema = z.object({
  id,
  title: z.string(),
  source: SourceSchema.default({}),
  text: z.string(),
  status: DocumentStatus.default('todo'),
  spans: z.array(SpanSchema).default([]),
  relations: z.array(RelationSchema).default([]),
  updatedAt: isoTime.optional(),
  /** what an imported file carried that has no place above (doccano `meta` and extra keys); written back on export */
  meta: z.record(z.string(), z.unknown()).optional(),
  /** keys of suggestions an annotator rejected here, so they do not come back (shared/suggest) */
  rejectedSuggestions: z.array(z.string()).optional(),
});

export const CorpusMetaSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id,
  name: z.string(),
  schema: AnnotationSchemaSchema,
  /** annotation guidelines, Markdown */
  guidelines: z.string().default(''),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** patterns, gazetteers, rejections and the local-model switch (shared/suggest/settings.ts) */
  suggest: SuggestSettingsSchema.optional(),
});

export const CorpusSchema = CorpusMetaSchema.extend({
  documents: z.array(DocumentSchema),
});

export type Label = z.infer<typeof LabelSchema>;
export type RelationType = z.infer<typeof RelationTypeSchema>;
export type AnnotationSchema = z.infer<typeof AnnotationSchemaSchema>;
export type Span = z.infer<typeof SpanSchema>;
export type Relation = z.infer<typeof RelationSchema>;
export type DocStatus = z.infer<typeof DocumentStatus>;
export type Source = z.infer<typeof SourceSchema>;
export type Document = z.infer<typeof DocumentSchema>;
export type CorpusMeta = z.infer<typeof CorpusMetaSchema>;
export type Corpus = z.infer<typeof CorpusSchema>;

export const DOC_STATUSES: readonly DocStatus[] = DocumentStatus.options;

/** What the corpus list needs, without loading the text. */
export const DocumentSummarySchema = z.object({
  id,
  title: z.string(),
  status: DocumentStatus,
  spanCount: z.number().int(),
  relationCount: z.number().int(),
  charCount: z.number().int(),
  annotators: z.array(z.string()),
  outlet: z.string().optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;
