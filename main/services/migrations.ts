import { upgradeToRoles } from '../../shared/model/roles';
import { SCHEMA_VERSION } from '../../shared/model/schema';

/**
 * One function per schema version bump, keyed by the version it upgrades
 * from. The store runs them on open (corpus-store.ts, migrateOnDisk,
 * keeping the originals as *.v<N>); copies and single-file imports run
 * them in memory.
 */
export type Migration = (manifest: Record<string, unknown>, docs: Record<string, unknown>[]) => void;
export const MIGRATIONS: Record<number, Migration> = {
  // 1 → 2: labels and relation types gain roles (claim, actor, figure, cue; source, content), given by their names
  1: (manifest) => upgradeToRoles(manifest),
};

export type VersionVerdict = { kind: 'current' } | { kind: 'migrate'; from: number } | { kind: 'newer'; version: number } | { kind: 'invalid' };

export function checkVersion(raw: unknown): VersionVerdict {
  const v = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return { kind: 'invalid' };
  if (v === SCHEMA_VERSION) return { kind: 'current' };
  if (v > SCHEMA_VERSION) return { kind: 'newer', version: v };
  return { kind: 'migrate', from: v };
}

/** Upgrade in place, one step at a time. Throws when a step is missing. */
export function migrate(manifest: Record<string, unknown>, docs: Record<string, unknown>[], table: Record<number, Migration> = MIGRATIONS): void {
  let v = manifest.schemaVersion as number;
  while (v < SCHEMA_VERSION) {
    const step = table[v];
    if (!step) throw new Error(`No migration from schema version ${v}.`);
    step(manifest, docs);
    v += 1;
    manifest.schemaVersion = v;
  }
}
