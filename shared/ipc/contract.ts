import { z } from 'zod';
import {
  AnnotationSchemaSchema,
  CorpusMetaSchema,
  DocumentSchema,
  DocumentStatus,
  DocumentSummarySchema,
} from '../model/schema';
import { OpsSchema } from '../model/operations';
import { CHANNEL_NAMES, EVENT_NAMES, MENU_COMMANDS } from './names';
import type { FigureRow } from '../analysis/claims';
import type { AgreementReport } from '../metrics';
import type { AnnotationSchema, Document, DocStatus } from '../model/schema';
import type { Adjudication } from '../review/adjudicate';
import type { DocumentConflict } from '../review/gather';
import type { PhraseEntry } from '../suggest/dictionary';
import { LocalModelSettingsSchema, type SuggestSettings } from '../suggest/settings';
import type { Hit } from '../suggest/types';

/** Shapes computed in main from trusted data; typed here, not re-validated. */
export interface SearchHit {
  documentId: string;
  title: string;
  spanId: string | null;
  label: string | null;
  start: number;
  end: number;
  before: string;
  match: string;
  after: string;
}
export interface CorpusStats {
  byStatus: Record<'todo' | 'in_progress' | 'done' | 'reviewed', number>;
  byAnnotator: { annotator: string; spans: number; relations: number; documents: number }[];
  perLabel: { label: string; count: number }[];
  documents: number;
}

/** Suggestions (shared/suggest): what the renderer's worker needs besides the document. */
export interface SuggestContextPayload {
  settings: SuggestSettings;
  /** phrases learned from the spans of the corpus's other documents */
  learned: PhraseEntry[];
}

/** Review and adjudication (main/services/review-session.ts). */
export interface ReviewSummary {
  copies: { path: string; annotator: string; documents: number }[];
  annotators: string[];
  /** the first copy's schema, which gold uses */
  schema: AnnotationSchema;
  documents: { key: string; title: string; annotators: string[]; agreed: number; disagreements: number; reviewed: boolean }[];
  /** same id, different text: left out of the review */
  conflicts: DocumentConflict[];
  /** the gold corpus folder (created on the first save) */
  goldPath: string | null;
}
export interface ReviewDocument {
  key: string;
  title: string;
  matchedBy: 'id' | 'text';
  versions: { annotator: string; status: DocStatus; spans: number; relations: number }[];
  adjudication: Adjudication;
  /** this document's gold version from an earlier review, to resume from */
  gold: Document | null;
}

/** Team sync (main/services/sync): the toolbar's state and the lead's progress figures. */
export type TeamState = 'off' | 'syncing' | 'synced' | 'pending' | 'offline' | 'error';
export interface TeamStatus {
  state: TeamState;
  server: string | null;
  user: string | null;
  role: 'lead' | 'annotator' | null;
  pending: number;
  /** the reason for offline/error, refused writes, malformed server documents, resolved conflicts */
  message: string | null;
  lastSyncAt: string | null;
}
export interface TeamProgress {
  annotator: string;
  assigned: number;
  started: number;
  done: number;
  spans: number;
  lastSavedAt: string | null;
}

/**
 * The one IPC contract. Add a channel here first (`domain:action`, request
 * and response schemas); the compiler then demands its handler in main and
 * types the call in the renderer. Main parses every request with these
 * schemas before a service sees it.
 */

export const ExportFormat = z.enum(['spanmark', 'doccano', 'labelstudio', 'brat', 'conll', 'spacy', 'hf', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ImportFormat = z.enum(['auto', 'txt', 'md', 'html', 'doccano', 'labelstudio', 'brat', 'conll', 'spanmark']);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ExportFilters = z.object({
  status: z.array(DocumentStatus).optional(),
  labels: z.array(z.string()).optional(),
  annotators: z.array(z.string()).optional(),
  documentIds: z.array(z.string()).optional(),
});
export type ExportFilters = z.infer<typeof ExportFilters>;

/** Reading comfort in the document view (View menu, Ctrl+= / Ctrl+- / Ctrl+0), kept per user. */
export const ReadingSettings = z.object({
  /** text size as a factor of the default 17px */
  fontScale: z.number().min(0.5).max(3),
  /** line height, in multiples of the font size */
  lineSpacing: z.number().min(1.2).max(4),
  /** widest line, in em */
  textWidth: z.number().min(24).max(200),
  /** each label also underlined in a pattern of its own, for readers who cannot tell its colour */
  labelPatterns: z.boolean().default(false),
});
export type ReadingSettings = z.infer<typeof ReadingSettings>;
export const DEFAULT_READING: ReadingSettings = { fontScale: 1, lineSpacing: 2.6, textWidth: 46, labelPatterns: false };

/** The side panel beside the document: its width in px, or folded away (kept per user). */
export const LayoutSettings = z.object({
  sidePanelWidth: z.number().min(240).max(720),
  sidePanelCollapsed: z.boolean(),
});
export type LayoutSettings = z.infer<typeof LayoutSettings>;
export const DEFAULT_LAYOUT: LayoutSettings = { sidePanelWidth: 340, sidePanelCollapsed: false };

/** The document open last in a corpus, and the code point offset at the top of the screen. */
export const LastPlace = z.object({ corpus: z.string(), documentId: z.string(), offset: z.number().int().min(0) });
export type LastPlace = z.infer<typeof LastPlace>;

export const Settings = z.object({
  annotator: z.string().default(''),
  annotatorId: z.string().default(''),
  theme: z.enum(['light', 'dark', 'system']).default('system'),
  recentCorpora: z.array(z.string()).default([]),
  lastCorpus: z.string().optional(),
  snapToWords: z.boolean().default(true),
  reading: ReadingSettings.default(DEFAULT_READING),
  layout: LayoutSettings.default(DEFAULT_LAYOUT),
  /** the Suggestions checkbox above the document: off until the user asks for help, then kept */
  showSuggestions: z.boolean().default(false),
  /** where reading stopped: reopened on start when its corpus opens (never used to open a corpus) */
  lastPlace: LastPlace.optional(),
  /** importing into the built-in sample: 'ask' offers a new corpus first; 'allow' once the user chose the sample */
  sampleImport: z.enum(['ask', 'allow']).default('ask'),
  /** document ids opened last, most recent first, by corpus path (the corpus list's Recent) */
  recentDocuments: z.record(z.string(), z.array(z.string())).default({}),
});
export type Settings = z.infer<typeof Settings>;

/**
 * A settings change. Not `Settings.partial()`: zod still applies defaults
 * inside a partial, so `{theme: 'dark'}` would come out with `annotator: ''`
 * and `recentCorpora: []` and wipe them.
 */
export const SettingsPatch = z
  .object({
    annotator: z.string(),
    annotatorId: z.string(),
    theme: z.enum(['light', 'dark', 'system']),
    recentCorpora: z.array(z.string()),
    lastCorpus: z.string(),
    snapToWords: z.boolean(),
    reading: ReadingSettings,
    layout: LayoutSettings,
    showSuggestions: z.boolean(),
    lastPlace: LastPlace,
    sampleImport: z.enum(['ask', 'allow']),
    recentDocuments: z.record(z.string(), z.array(z.string())),
  })
  .partial();
const settingsPatchMatches: Same<keyof z.infer<typeof SettingsPatch>, keyof Settings> = true;
void settingsPatchMatches;

export const DamagedDocument = z.object({ id: z.string(), file: z.string(), message: z.string(), hasBackup: z.boolean() });
export type DamagedDocument = z.infer<typeof DamagedDocument>;

export const OpenCorpus = z.object({
  path: z.string(),
  meta: CorpusMetaSchema,
  documents: z.array(DocumentSummarySchema),
  readOnly: z.boolean(),
  readOnlyReason: z.string().optional(),
  damaged: z.array(DamagedDocument),
});
export type OpenCorpus = z.infer<typeof OpenCorpus>;

export const FileProblem = z.object({ file: z.string(), line: z.number().int().optional(), message: z.string() });
export type FileProblem = z.infer<typeof FileProblem>;

export const ImportReport = z.object({
  imported: z.array(DocumentSummarySchema),
  errors: z.array(FileProblem),
  /** imported, but something was guessed or left out (encoding, skipped brat events…) */
  warnings: z.array(FileProblem).default([]),
  /** labels found in the files but missing from the schema; nothing was imported from those files */
  unknownLabels: z.array(z.string()),
  cancelled: z.boolean().default(false),
  /** the files or folders that were read (from a dialog too), so "add labels and import" can re-run it */
  paths: z.array(z.string()).default([]),
});
export type ImportReport = z.infer<typeof ImportReport>;

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const channels = {
  'app:bootstrap': {
    request: empty,
    response: z.object({
      settings: Settings,
      corpus: OpenCorpus.nullable(),
      host: z.enum(['electron', 'browser', 'node']),
      /** no native dialogs (the browser host run by a person): the page picks files, downloads exports and asks for folder paths */
      inPagePickers: z.boolean().default(false),
    }),
  },
  'corpus:open': { request: z.object({ path: z.string().min(1) }), response: OpenCorpus },
  'corpus:openDialog': { request: empty, response: OpenCorpus.nullable() },
  'corpus:current': { request: empty, response: OpenCorpus.nullable() },
  'corpus:reload': { request: empty, response: OpenCorpus },
  'corpus:updateMeta': {
    request: z.object({
      name: z.string().min(1).optional(),
      schema: AnnotationSchemaSchema.optional(),
      guidelines: z.string().optional(),
      /** label renames to apply to every span, old → new */
      renames: z.record(z.string(), z.string()).optional(),
      /** relation type renames to apply to every relation, old → new */
      relationRenames: z.record(z.string(), z.string()).optional(),
    }),
    response: OpenCorpus,
  },
  'corpus:restoreBackup': { request: z.object({ id: z.string() }), response: OpenCorpus },
  'document:get': { request: z.object({ id: z.string() }), response: DocumentSchema },
  /** open a document for editing: it crosses IPC once; edits then go as operations */
  'document:open': { request: z.object({ id: z.string() }), response: z.object({ document: DocumentSchema, version: z.number().int() }) },
  /** one batch of operations on the open document, built on `baseVersion`; resolves once it is on disk */
  'document:apply': {
    request: z.object({ id: z.string(), baseVersion: z.number().int(), ops: OpsSchema.min(1) }),
    /** applied, and written unless `notSaved` says why not (a conflict on disk, a disk error): the next write retries it */
    response: z.object({ version: z.number().int(), summary: DocumentSummarySchema, savedAt: z.string().nullable(), notSaved: z.object({ code: z.string(), message: z.string() }).optional() }),
  },
  'document:create': {
    request: z.object({ title: z.string().min(1), text: z.string(), url: z.string().optional() }),
    response: DocumentSummarySchema,
  },
  'document:delete': { request: z.object({ id: z.string() }), response: ok },
  /** rename a document or set its outlet and URL; an empty outlet or URL removes it */
  'document:updateInfo': {
    request: z.object({ id: z.string(), title: z.string().trim().min(1).max(500).optional(), outlet: z.string().max(200).optional(), url: z.string().max(2000).optional() }),
    response: DocumentSummarySchema,
  },
  /** put a deleted document back (undo), with its id, text and annotations */
  'document:restore': { request: z.object({ document: DocumentSchema, index: z.number().int().nonnegative().optional() }), response: DocumentSummarySchema },
  /** a copy of this corpus for another annotator: same documents, schema and ids, no spans or relations, status todo; the folder comes from a dialog */
  'corpus:copyForAnnotator': { request: z.object({ annotator: z.string().trim().min(1).max(100) }), response: z.object({ path: z.string(), documents: z.number().int() }).nullable() },
  /** a new, empty corpus with the open corpus's schema (default: a folder named after it in the data folder; pickFolder: a dialog) */
  'corpus:create': { request: z.object({ name: z.string().trim().min(1).max(200), pickFolder: z.boolean().default(false) }), response: OpenCorpus.nullable() },
  'import:files': {
    request: z.object({ paths: z.array(z.string()).min(1), format: ImportFormat.default('auto'), addUnknownLabels: z.boolean().default(false) }),
    response: ImportReport,
  },
  'import:dialog': { request: z.object({ addUnknownLabels: z.boolean().default(false), folder: z.boolean().default(false) }), response: ImportReport.nullable() },
  /** files dropped on the window where their paths are unknown (the browser host); 50 MB each at most */
  'import:dropped': {
    request: z.object({
      files: z.array(z.object({ name: z.string().min(1).max(255), base64: z.string().max(70_000_000) })).min(1).max(500),
      addUnknownLabels: z.boolean().default(false),
    }),
    response: ImportReport,
  },
  'import:cancel': { request: empty, response: ok },
  'export:run': {
    request: z.object({ format: ExportFormat, path: z.string().min(1), filters: ExportFilters.default({}), offsets: z.enum(['codepoint', 'utf16']).default('codepoint') }),
    response: z.object({ path: z.string(), documents: z.number().int(), spans: z.number().int() }),
  },
  'export:dialog': {
    request: z.object({ format: ExportFormat, filters: ExportFilters.default({}), offsets: z.enum(['codepoint', 'utf16']).default('codepoint') }),
    response: z.object({ path: z.string(), documents: z.number().int(), spans: z.number().int() }).nullable(),
  },
  /** the export as bytes, for a download where there is no save dialog (the browser host) */
  'export:download': {
    request: z.object({ format: ExportFormat, filters: ExportFilters.default({}), offsets: z.enum(['codepoint', 'utf16']).default('codepoint') }),
    response: z.object({ name: z.string(), base64: z.string(), documents: z.number().int(), spans: z.number().int() }),
  },
  /** the page's answer to a `dialog:ask` event (in-page pickers): chosen paths, or null for cancel */
  'dialog:answer': { request: z.object({ id: z.string(), paths: z.array(z.string().min(1)).nullable() }), response: ok },
  'settings:get': { request: empty, response: Settings },
  'settings:set': { request: SettingsPatch, response: Settings },
  'shell:openExternal': { request: z.object({ url: z.string() }), response: ok },
  'analysis:figures': { request: empty, response: z.custom<FigureRow[]>() },
  'analysis:exportFigures': { request: z.object({ format: z.enum(['csv', 'json']) }), response: z.object({ path: z.string() }).nullable() },
  'analysis:search': {
    request: z.object({ query: z.string().max(500), label: z.string().optional(), status: DocumentStatus.optional(), annotator: z.string().optional(), limit: z.number().int().positive().max(5000).default(500) }),
    response: z.custom<SearchHit[]>(),
  },
  'analysis:stats': { request: empty, response: z.custom<CorpusStats>() },
  'review:agreement': {
    /** no paths: ask with a dialog; saveCsv: also write the long-format CSV where the user chooses */
    request: z.object({ paths: z.array(z.string()).default([]), saveCsv: z.boolean().default(false) }),
    response: z.object({ report: z.custom<AgreementReport>(), paths: z.array(z.string()), csvPath: z.string().nullable() }).nullable(),
  },
  'review:open': {
    /** no paths: ask with a dialog (Spanmark JSON files, or one corpus folder with pick 'folder'); add: join the open review */
    request: z.object({ paths: z.array(z.string()).default([]), pick: z.enum(['files', 'folder']).default('files'), add: z.boolean().default(false) }),
    response: z.custom<ReviewSummary>().nullable(),
  },
  'review:document': { request: z.object({ key: z.string() }), response: z.custom<ReviewDocument>() },
  'review:saveGold': { request: z.object({ key: z.string(), document: DocumentSchema }), response: z.object({ path: z.string() }) },
  'team:connect': {
    request: z.object({ server: z.string().min(1).max(2000), user: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
    response: z.custom<TeamStatus>(),
  },
  'team:status': { request: empty, response: z.custom<TeamStatus>() },
  'team:syncNow': { request: empty, response: z.custom<TeamStatus>() },
  'team:progress': { request: empty, response: z.custom<TeamProgress[]>() },
  /** the lead hands the corpus's documents out (a fraction to two annotators, for agreement); documents per annotator */
  'team:assign': {
    request: z.object({ annotators: z.array(z.string().min(1).max(64)).min(1).max(200), overlap: z.number().min(0).max(1) }),
    response: z.record(z.string(), z.number()),
  },
  /** the lead's review of the team's copies as last replicated from the server */
  'team:review': { request: empty, response: z.custom<ReviewSummary>() },
  'suggest:context': { request: z.object({ documentId: z.string() }), response: z.custom<SuggestContextPayload>() },
  /** a patterns.jsonl's text (read in the page, so no path crosses); bad lines come back as `name:line: reason` */
  'suggest:importPatterns': {
    request: z.object({ text: z.string().max(20_000_000), name: z.string().min(1).max(255).default('patterns.jsonl'), replace: z.boolean().default(false) }),
    response: z.object({ added: z.number().int(), total: z.number().int(), errors: z.array(z.string()), meta: CorpusMetaSchema }),
  },
  'suggest:exportPatterns': { request: empty, response: z.object({ jsonl: z.string() }) },
  'suggest:setGazetteer': {
    request: z.object({ label: z.string().min(1), text: z.string().max(20_000_000) }),
    response: z.object({ phrases: z.number().int(), meta: CorpusMetaSchema }),
  },
  'suggest:setLocalModel': { request: LocalModelSettingsSchema, response: z.object({ meta: CorpusMetaSchema }) },
  /** asks the corpus's local model (only when enabled, only at its loopback address); hits are UTF-16 offsets into `text` */
  'suggest:runModel': { request: z.object({ text: z.string().max(50_000_000) }), response: z.object({ hits: z.custom<Hit[]>(), dropped: z.number().int() }) },
} as const;

export type Channel = keyof typeof channels;
export type Req<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ParsedReq<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type Res<C extends Channel> = z.output<(typeof channels)[C]['response']>;

export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;

// compile-time proof that names.ts lists exactly the contract's channels and events
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Same<Channel, (typeof CHANNEL_NAMES)[number]> = true;
void channelsMatch;

/** Events main pushes to the renderer. */
export const events = {
  'corpus:changedOnDisk': z.object({ documentIds: z.array(z.string()), meta: z.boolean() }),
  'import:progress': z.object({ done: z.number(), total: z.number(), file: z.string() }),
  'menu:command': z.object({ command: z.enum(MENU_COMMANDS) }),
  /** main needs a file, folder or save path and has no native dialog: the page asks the person */
  'dialog:ask': z.object({ id: z.string(), kind: z.enum(['folder', 'files', 'save', 'confirm']), title: z.string(), defaultName: z.string().optional() }),
  'team:status': z.custom<TeamStatus>(),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const EVENTS: readonly EventName[] = EVENT_NAMES;
const eventsMatch: Same<EventName, (typeof EVENT_NAMES)[number]> = true;
void eventsMatch;

export interface IpcError {
  code: string;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the preload exposes as `window.api`, and what the browser host bridges. */
export interface SpanmarkApi {
  invoke<C extends Channel>(channel: C, request: Req<C>): Promise<Result<Res<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Electron only: the path of a dropped file or folder (webUtils.getPathForFile) */
  pathForFile?: (file: File) => string;
}
