import type { AnnotationSchema } from '../model/schema';

/**
 * The built-in suggesters key on roles, not label names, so a corpus that
 * calls its cue label "quote-cue" still gets cues. A label or relation type
 * may carry a `role`; where none does, the default schema's names stand in.
 */

export const LABEL_ROLES = ['claim', 'actor', 'figure', 'cue'] as const;
export type LabelRole = (typeof LABEL_ROLES)[number];
export const RELATION_ROLES = ['source', 'content'] as const;
export type RelationRole = (typeof RELATION_ROLES)[number];

export type Roles = Partial<Record<LabelRole, string>> & Partial<Record<RelationRole, string>>;

const DEFAULT_LABEL: Record<LabelRole, string> = { claim: 'claim', actor: 'actor', figure: 'figure', cue: 'attribution' };

function roleOf(x: object): string | undefined {
  const r = (x as { role?: unknown }).role;
  return typeof r === 'string' ? r : undefined;
}

export function rolesOf(schema: AnnotationSchema): Roles {
  const roles: Roles = {};
  const labels = new Set(schema.labels.map((l) => l.name));
  const types = new Set(schema.relationTypes.map((t) => t.name));
  const anyLabelRole = schema.labels.some((l) => roleOf(l) !== undefined);
  for (const role of LABEL_ROLES) {
    const byRole = schema.labels.find((l) => roleOf(l) === role)?.name;
    const byName = !anyLabelRole && labels.has(DEFAULT_LABEL[role]) ? DEFAULT_LABEL[role] : undefined;
    const name = byRole ?? byName;
    if (name) roles[role] = name;
  }
  const anyTypeRole = schema.relationTypes.some((t) => roleOf(t) !== undefined);
  for (const role of RELATION_ROLES) {
    const name = schema.relationTypes.find((t) => roleOf(t) === role)?.name ?? (!anyTypeRole && types.has(role) ? role : undefined);
    if (name) roles[role] = name;
  }
  return roles;
}
