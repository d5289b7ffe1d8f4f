// express-pouchdb ships no types; this is the part of its API the embedded server uses.
declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';
  interface CouchConfig {
    set(section: string, key: string, value: unknown, cb: (err: unknown) => void): void;
    get(section: string, key: string): unknown;
  }
  interface ExpressPouchApp extends RequestListener {
    couchConfig: CouchConfig;
    dbWrapper: { registerWrapper(fn: (name: string, db: unknown, next: () => void) => void): void };
    setPouchDB(db: unknown): Promise<void>;
  }
  interface Options {
    configPath?: string;
    logPath?: string;
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    overrideMode?: { include?: string[]; exclude?: string[] };
    inMemoryConfig?: boolean;
  }
  export default function expressPouchDB(PouchDB: unknown, opts?: Options): ExpressPouchApp;
}
