// The part of PouchDB's API the team sync uses. DefinitelyTyped's
// @types/pouchdb-core redeclares the global Buffer and breaks Node's own
// types, so these few signatures are kept here instead.
declare module 'pouchdb-node' {
  export interface Doc {
    _id: string;
    _rev: string;
    _conflicts?: string[];
    _deleted?: boolean;
    [key: string]: unknown;
  }
  export interface NewDoc {
    _id: string;
    _rev?: string;
    [key: string]: unknown;
  }
  export interface WriteResult {
    ok?: boolean;
    id: string;
    rev: string;
    error?: string;
    reason?: string;
  }
  export interface AllDocsRow {
    id: string;
    key: string;
    value?: { rev: string; deleted?: boolean };
    doc?: Doc | null;
    error?: string;
  }
  export interface Change {
    id: string;
    seq: number | string;
    deleted?: boolean;
    doc?: Doc;
  }
  export interface ChangesOptions {
    since?: number | string;
    limit?: number;
    include_docs?: boolean;
    conflicts?: boolean;
    filter?: ((doc: Doc) => boolean) | string;
  }
  export interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
    filter?: ((doc: Doc) => boolean) | string;
    query_params?: Record<string, string>;
    doc_ids?: string[];
  }
  export interface ReplicateResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: { id?: string; name?: string; reason?: string; message?: string }[];
  }
  export interface Replication extends Promise<ReplicateResult> {
    on(event: 'change', fn: (info: { docs_written: number; docs_read: number }) => void): this;
    cancel(): void;
  }
  export interface Database {
    get(id: string, opts?: { rev?: string; conflicts?: boolean }): Promise<Doc>;
    put(doc: NewDoc): Promise<WriteResult>;
    remove(id: string, rev: string): Promise<WriteResult>;
    bulkDocs(docs: NewDoc[]): Promise<WriteResult[]>;
    allDocs(opts: { keys?: string[]; startkey?: string; endkey?: string; include_docs?: boolean; conflicts?: boolean; limit?: number }): Promise<{ rows: AllDocsRow[]; total_rows: number }>;
    changes(opts: ChangesOptions): Promise<{ results: Change[]; last_seq: number | string }>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  export interface Options {
    adapter?: string;
    prefix?: string;
    skip_setup?: boolean;
    auth?: { username: string; password: string };
  }
  interface PouchDBStatic {
    new (name: string, opts?: Options): Database;
    defaults(opts: Options): PouchDBStatic;
    replicate(source: Database, target: Database, opts?: ReplicateOptions): Replication;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}
