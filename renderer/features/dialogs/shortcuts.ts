import { SHEET, type SheetRow } from '../../../shared/keymap';

/** The shortcut sheet (?), generated from the keymap, the same rows as the README's tables. */
function rows(scope: SheetRow['scope']): [string, string][] {
  return SHEET.filter((r) => r.scope === scope).map((r) => [r.keys.replace(/`/g, ''), r.action.replace(/`/g, '')]);
}

export const SHORTCUTS: [string, string][] = rows('document');

/** Keys of the Review tab, where annotation keys are off. */
export const REVIEW_SHORTCUTS: [string, string][] = rows('review');
