import type { AnnotationSchema } from '../model/schema';
import { LABEL_ROLES, RELATION_ROLES, type LabelRole, type RelationRole } from '../model/roles';

/**
 * The built-in suggesters key on roles (shared/model/roles.ts), not label
 * names, so a corpus that calls its cue label "quote-cue" still gets cues,
 * and one whose schema gives no label a role gets no built-in suggestions.
 */

export type Roles = Partial<Record<LabelRole, string>> & Partial<Record<RelationRole, string>>;

export function rolesOf(schema: AnnotationSchema): Roles {
  const roles: Roles = {};
  for (const role of LABEL_ROLES) {
    const name = schema.labels.find((l) => l.role === role)?.name;
    if (name) roles[role] = name;
  }
  for (const role of RELATION_ROLES) {
    const name = schema.relationTypes.find((t) => t.role === role)?.name;
    if (name) roles[role] = name;
  }
  return roles;
}
