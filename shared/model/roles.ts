import type { AnnotationSchema } from './schema';

/**
 * What a label or relation type means to Spanmark, apart from its name:
 * the views that build attribution chains and figure tables (Who said
 * what, Claims & figures, figure attributes) look labels up by role, so a
 * user may rename `figure` to `number` without emptying them.
 */
export const LABEL_ROLES = ['claim', 'actor', 'figure', 'cue'] as const;
export const RELATION_ROLES = ['source', 'content'] as const;
export type LabelRole = (typeof LABEL_ROLES)[number];
export type RelationRole = (typeof RELATION_ROLES)[number];

/** Names older corpora used for each role, before roles were stored. */
const LABEL_ROLE_BY_NAME: Readonly<Record<string, LabelRole>> = { claim: 'claim', actor: 'actor', figure: 'figure', attribution: 'cue', cue: 'cue' };
const RELATION_ROLE_BY_NAME: Readonly<Record<string, RelationRole>> = { source: 'source', content: 'content' };

/** The names of the labels that play `role` (usually one). */
export function labelsWithRole(schema: Pick<AnnotationSchema, 'labels'>, role: LabelRole): Set<string> {
  return new Set(schema.labels.filter((l) => l.role === role).map((l) => l.name));
}

export function relationTypesWithRole(schema: Pick<AnnotationSchema, 'relationTypes'>, role: RelationRole): Set<string> {
  return new Set(schema.relationTypes.filter((t) => t.role === role).map((t) => t.name));
}

export function labelHasRole(schema: Pick<AnnotationSchema, 'labels'> | undefined | null, label: string, role: LabelRole): boolean {
  return !!schema?.labels.some((l) => l.name === label && l.role === role);
}

/**
 * Give roles to labels and relation types that have none, by their
 * conventional name (`attribution` is the cue), never taking a role a
 * named entry already holds. Works on raw JSON: the schema-version-1 →
 * 2 migration runs it before the schema is parsed.
 */
export function addRolesByName(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as { labels?: unknown; relationTypes?: unknown };
  assign(s.labels, LABEL_ROLE_BY_NAME);
  assign(s.relationTypes, RELATION_ROLE_BY_NAME);
}

function assign(list: unknown, byName: Readonly<Record<string, string>>): void {
  if (!Array.isArray(list)) return;
  const entries = list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object');
  const taken = new Set(entries.map((e) => e.role).filter((r) => typeof r === 'string'));
  for (const e of entries) {
    if (e.role !== undefined || typeof e.name !== 'string' || !Object.hasOwn(byName, e.name)) continue;
    const role = byName[e.name]!;
    if (taken.has(role)) continue;
    e.role = role;
    taken.add(role);
  }
}

/** Schema version 1 → 2: labels and relation types gain roles, given by name. */
export function upgradeToRoles(manifest: Record<string, unknown>): void {
  addRolesByName(manifest.schema);
}
