/**
 * Every keyboard shortcut, as data (after CodeMirror's keymap facet and VS
 * Code's keybindings): which key runs which command, in which scope, with
 * which precedence and under which condition. The renderer's dispatcher,
 * the document view, the toolbar's titles, the `?` sheet and the
 * application menu's accelerators all read this one table; a unit test
 * checks the README's tables against it.
 *
 * Scopes follow what is on screen: `document` keys act only while the
 * Document view is shown, `review` keys only in the Review tab, `dialog`
 * keys only in an open dialog, `global` keys everywhere. `owner` says who
 * runs a command: the document view itself (its keys arrive only while it
 * has focus), the app, or the review screen.
 */

export type Scope = 'document' | 'review' | 'dialog' | 'global';
export type Owner = 'editor' | 'app' | 'review';

/**
 * Conditions a binding may require. `labelKey` and `relationKey` are not
 * keys but placeholders for the schema's label keys (1–9 by default) and
 * relation keys (s, c).
 */
export type When = 'textSelected' | 'spanSelected' | 'linking' | 'relabelArmed' | 'focusInReview';

export interface Command {
  id: string;
  owner: Owner;
  /** short name, for toolbar titles */
  title: string;
}

export interface Binding {
  /** `Ctrl+Shift+Z`, `Delete`, `?`, or the placeholders `<label>` / `<relation>`; Ctrl also means Cmd */
  key: string;
  command: string;
  scope: Scope;
  /** when several bindings match a key, the highest precedence that applies runs (default 0) */
  precedence?: number;
  when?: When;
  /** also acts while typing in a form field (default: form fields keep their keys) */
  inFields?: boolean;
}

/** One row of the `?` sheet and the README: how it is written, and the commands it documents. */
export interface SheetRow {
  scope: 'document' | 'review';
  keys: string;
  action: string;
  commands: string[];
}

const C = (id: string, owner: Owner, title: string): Command => ({ id, owner, title });

export const COMMANDS: readonly Command[] = [
  C('label-selection', 'editor', 'Label the selected text'),
  C('caret-word-next', 'editor', 'Caret to the next word'),
  C('caret-word-previous', 'editor', 'Caret to the previous word'),
  C('select-word-grow', 'editor', 'Grow the selection by a word'),
  C('select-word-shrink', 'editor', 'Shrink the selection by a word'),
  C('select-char-grow', 'editor', 'Grow the selection by a character'),
  C('select-char-shrink', 'editor', 'Shrink the selection by a character'),
  C('caret-sentence-next', 'editor', 'Caret to the next sentence'),
  C('caret-sentence-previous', 'editor', 'Caret to the previous sentence'),
  C('caret-start', 'editor', 'Caret to the start'),
  C('caret-end', 'editor', 'Caret to the end'),
  C('span-next', 'editor', 'Next span'),
  C('span-previous', 'editor', 'Previous span'),
  C('relabel-arm', 'app', 'Relabel the selected span'),
  C('relabel-apply', 'app', 'Apply the new label'),
  C('delete-span', 'app', 'Delete the selected span'),
  C('span-end-later', 'app', 'Move the selected span’s end a word later'),
  C('span-end-earlier', 'app', 'Move the selected span’s end a word earlier'),
  C('span-start-earlier', 'app', 'Move the selected span’s start a word earlier'),
  C('span-start-later', 'app', 'Move the selected span’s start a word later'),
  C('note', 'app', 'Note on the selected span'),
  C('start-link', 'app', 'Start a relation'),
  C('finish-link', 'app', 'Finish the relation'),
  C('cancel', 'app', 'Cancel linking, deselect'),
  C('undo', 'app', 'Undo'),
  C('redo', 'app', 'Redo'),
  C('toggle-edit', 'app', 'Switch between labelling and editing the text'),
  C('next-undone', 'app', 'Next document that is not done'),
  C('panel-details', 'app', 'Details panel'),
  C('panel-who', 'app', 'Who said what panel'),
  C('panel-guidelines', 'app', 'Guidelines panel'),
  C('import', 'app', 'Import files'),
  C('open-corpus', 'app', 'Open a corpus'),
  C('paste-document', 'app', 'New document from text'),
  C('export', 'app', 'Export'),
  C('shortcuts', 'app', 'Keyboard shortcuts'),
  C('find', 'app', 'Find in the document'),
  C('zoom-in', 'app', 'Larger text'),
  C('zoom-out', 'app', 'Smaller text'),
  C('zoom-reset', 'app', 'Default text size'),
  C('suggestion-accept', 'app', 'Accept the current suggestion'),
  C('suggestion-reject', 'app', 'Reject the current suggestion'),
  C('suggestion-next', 'app', 'Next suggestion'),
  C('suggestion-previous', 'app', 'Previous suggestion'),
  C('suggestion-accept-label', 'app', 'Accept every suggestion of this label'),
  C('suggestion-accept-label-in-view', 'app', 'Accept every suggestion of this label on screen'),
  C('suggestion-reject-all', 'app', 'Reject every suggestion'),
  C('review-accept-agreed', 'review', 'Accept agreed'),
  C('review-next', 'review', 'Next'),
  C('review-previous', 'review', 'Previous'),
  C('review-keep', 'review', 'Keep this'),
  C('review-keep-both', 'review', 'Keep both'),
  C('review-reject', 'review', 'Keep neither'),
  C('review-edit-label', 'review', 'Edit label'),
  C('review-undo', 'review', 'Undo'),
  C('review-finalize', 'review', 'Finalize'),
  C('review-next-document', 'review', 'Next document'),
  C('review-previous-document', 'review', 'Previous document'),
  C('review-open', 'review', 'Open annotator copies'),
  C('review-cancel', 'review', 'Cancel editing the label'),
  C('close-dialog', 'app', 'Close the dialog'),
];

const B = (key: string, command: string, scope: Scope, extra: Partial<Binding> = {}): Binding => ({ key, command, scope, ...extra });

export const BINDINGS: readonly Binding[] = [
  // the document view's own keys: they arrive only while it has focus
  B('<label>', 'label-selection', 'document', { when: 'textSelected', precedence: 10 }),
  B('Ctrl+ArrowRight', 'caret-word-next', 'document'),
  B('Ctrl+ArrowLeft', 'caret-word-previous', 'document'),
  B('Ctrl+Shift+ArrowRight', 'select-word-grow', 'document'),
  B('Ctrl+Shift+ArrowLeft', 'select-word-shrink', 'document'),
  B('Shift+ArrowRight', 'select-char-grow', 'document'),
  B('Shift+ArrowLeft', 'select-char-shrink', 'document'),
  B('Ctrl+ArrowDown', 'caret-sentence-next', 'document'),
  B('Alt+ArrowDown', 'caret-sentence-next', 'document'),
  B('Ctrl+ArrowUp', 'caret-sentence-previous', 'document'),
  B('Alt+ArrowUp', 'caret-sentence-previous', 'document'),
  B('Ctrl+Home', 'caret-start', 'document'),
  B('Ctrl+End', 'caret-end', 'document'),
  B('.', 'span-next', 'document'),
  B(',', 'span-previous', 'document'),
  // the selected span: from the document, the Spans panel or the Details panel
  B('<label>', 'relabel-apply', 'document', { when: 'relabelArmed', precedence: 20 }),
  B('r', 'relabel-arm', 'document', { when: 'spanSelected' }),
  B('Delete', 'delete-span', 'document', { when: 'spanSelected' }),
  B('Backspace', 'delete-span', 'document', { when: 'spanSelected' }),
  // ← and → as the paragraph reads them (mirrored in right-to-left text)
  B('Shift+Alt+ArrowRight', 'span-end-later', 'document', { when: 'spanSelected' }),
  B('Shift+Alt+ArrowLeft', 'span-end-earlier', 'document', { when: 'spanSelected' }),
  B('Shift+Alt+ArrowUp', 'span-start-earlier', 'document', { when: 'spanSelected' }),
  B('Shift+Alt+ArrowDown', 'span-start-later', 'document', { when: 'spanSelected' }),
  B('n', 'note', 'document', { when: 'spanSelected' }),
  B('<relation>', 'start-link', 'document', { when: 'spanSelected' }),
  B('Enter', 'finish-link', 'document', { when: 'linking', precedence: 10 }),
  B('Escape', 'cancel', 'document'),
  B('Ctrl+Z', 'undo', 'document'),
  B('Ctrl+Shift+Z', 'redo', 'document'),
  B('Ctrl+Y', 'redo', 'document'),
  B('Ctrl+E', 'toggle-edit', 'document', { inFields: true }),
  B('j', 'next-undone', 'document'),
  B('d', 'panel-details', 'document'),
  B('w', 'panel-who', 'document'),
  B('g', 'panel-guidelines', 'document'),
  // suggestions (dashed outlines) in the open document
  B('a', 'suggestion-accept', 'document'),
  B('x', 'suggestion-reject', 'document'),
  B(']', 'suggestion-next', 'document'),
  B('[', 'suggestion-previous', 'document'),
  B('Shift+A', 'suggestion-accept-label', 'document'),
  B('Shift+Alt+A', 'suggestion-accept-label-in-view', 'document'),
  B('Shift+X', 'suggestion-reject-all', 'document'),
  // everywhere
  B('Ctrl+I', 'import', 'global', { inFields: true }),
  B('Ctrl+O', 'open-corpus', 'global', { inFields: true }),
  B('Ctrl+Shift+V', 'paste-document', 'global'),
  B('Ctrl+Shift+E', 'export', 'global', { inFields: true }),
  B('?', 'shortcuts', 'global'),
  B('Ctrl+F', 'find', 'global', { inFields: true }),
  B('Ctrl+=', 'zoom-in', 'global', { inFields: true }),
  B('Ctrl+-', 'zoom-out', 'global', { inFields: true }),
  B('Ctrl+0', 'zoom-reset', 'global', { inFields: true }),
  // the Review tab
  B('a', 'review-accept-agreed', 'review'),
  B('j', 'review-next', 'review'),
  B('ArrowDown', 'review-next', 'review'),
  B('k', 'review-previous', 'review'),
  B('ArrowUp', 'review-previous', 'review'),
  B('1', 'review-keep', 'review'),
  B('2', 'review-keep-both', 'review'),
  B('0', 'review-reject', 'review'),
  B('x', 'review-reject', 'review'),
  B('e', 'review-edit-label', 'review'),
  B('u', 'review-undo', 'review'),
  B('Ctrl+Z', 'review-undo', 'review'),
  // Enter finalizes even on a focused button of the review (it must never re-open the document and drop the
  // decisions), but not on the app's own controls: Enter on a view tab or the toolbar does what that control does
  B('Enter', 'review-finalize', 'review', { when: 'focusInReview' }),
  B('f', 'review-finalize', 'review'),
  B(']', 'review-next-document', 'review'),
  B('[', 'review-previous-document', 'review'),
  B('o', 'review-open', 'review'),
  B('Escape', 'review-cancel', 'review'),
  // an open dialog
  B('Escape', 'close-dialog', 'dialog', { inFields: true }),
];

const R = (scope: SheetRow['scope'], keys: string, action: string, ...commands: string[]): SheetRow => ({ scope, keys, action, commands });

/** The `?` sheet and the README's tables, in reading order. */
export const SHEET: readonly SheetRow[] = [
  R('document', '`1`–`9`', 'label the selected text (schema order); after `r`, relabel the selected span', 'label-selection', 'relabel-apply'),
  R('document', 'Alt + drag', 'exact characters, no snapping'),
  R('document', 'Shift + arrows, Ctrl+Shift + arrows', 'grow/shrink the selection by character / word', 'select-char-grow', 'select-char-shrink', 'select-word-grow', 'select-word-shrink'),
  R('document', 'Ctrl + ←/→, Ctrl + ↓/↑, Ctrl + Home/End', 'caret by word, by sentence (Alt + ↓/↑ too), to the start/end', 'caret-word-next', 'caret-word-previous', 'caret-sentence-next', 'caret-sentence-previous', 'caret-start', 'caret-end'),
  R('document', '`.` / `,`', 'next / previous span (while the document has focus)', 'span-next', 'span-previous'),
  R('document', 'Tab / Shift+Tab', 'move focus: toolbar, tabs, corpus list, document, panels'),
  R('document', 'click a highlight again', 'cycle through the spans stacked there'),
  R('document', '`r` then `1`–`9`', 'relabel', 'relabel-arm'),
  R('document', 'Delete / Backspace', 'delete the selected span', 'delete-span'),
  R('document', 'Shift+Alt + →/←, Shift+Alt + ↑/↓', 'move the selected span’s end a word later / earlier, its start a word earlier / later (undoable; relations stay)', 'span-end-later', 'span-end-earlier', 'span-start-earlier', 'span-start-later'),
  R('document', '`n`', 'note on the selected span', 'note'),
  R('document', '`s` / `c`', 'start a source / content relation; `.`/`,` or a click picks the target, Enter finishes; Esc cancels', 'start-link', 'finish-link', 'cancel'),
  R('document', 'Ctrl + drag', 'from one highlight to another: the relation type the schema allows between them'),
  R('document', 'Ctrl+Z / Ctrl+Shift+Z', 'undo / redo', 'undo', 'redo'),
  R('document', 'Ctrl+E', 'switch between labelling and editing the text', 'toggle-edit'),
  R('document', '`j`', 'next document that is not done', 'next-undone'),
  R('document', '`d` / `w` / `g`', 'Details / Who said what / Guidelines', 'panel-details', 'panel-who', 'panel-guidelines'),
  R('document', 'Ctrl+I / Ctrl+O', 'import / open a corpus (any view)', 'import', 'open-corpus'),
  R('document', 'Ctrl+Shift+V / Ctrl+Shift+E', 'new document from text / export (any view)', 'paste-document', 'export'),
  R('document', '`?`', 'shortcut sheet (any view)', 'shortcuts'),
  R('document', 'Ctrl+F', 'find in the whole document; Enter / Shift+Enter next / previous, Esc selects the match', 'find'),
  R('document', 'Ctrl+= / Ctrl+- / Ctrl+0', 'larger / smaller / default text (any view)', 'zoom-in', 'zoom-out', 'zoom-reset'),
  R('document', '`]` / `[`', 'next / previous suggestion (dashed outline)', 'suggestion-next', 'suggestion-previous'),
  R('document', '`a` / `x` (click / ×)', 'accept / reject the current suggestion', 'suggestion-accept', 'suggestion-reject'),
  R('document', 'Shift+A / Shift+Alt+A / Shift+X', 'accept every suggestion of the current label in the document / on screen; reject every suggestion in the document', 'suggestion-accept-label', 'suggestion-accept-label-in-view', 'suggestion-reject-all'),
  R('review', '`a`', 'accept every agreed span and relation', 'review-accept-agreed'),
  R('review', '`j` / `k` (↓ / ↑)', 'next / previous disagreement (spans, then relations)', 'review-next', 'review-previous'),
  R('review', '`1`', 'keep this reading (its competitors leave gold); on a relation, keep it', 'review-keep'),
  R('review', '`2`', 'keep both: this reading and its competing alternative', 'review-keep-both'),
  R('review', '`0` / `x`', 'keep neither', 'review-reject'),
  R('review', '`e`', 'edit the label of the current gold span (a label key or Enter applies, Esc cancels)', 'review-edit-label', 'review-cancel'),
  R('review', '`u` / Ctrl+Z', 'undo the last decision', 'review-undo'),
  R('review', 'Enter / `f`', 'finalize: write the document to gold as `reviewed` (refused while anything is undecided)', 'review-finalize'),
  R('review', '`]` / `[`', 'next / previous document; `o` opens copies', 'review-next-document', 'review-previous-document', 'review-open'),
];

export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`No command ${id} in the keymap.`);
  return c;
}

export function bindingsOf(commandId: string): Binding[] {
  return BINDINGS.filter((b) => b.command === commandId);
}

/** `Undo (Ctrl+Z)`: a toolbar title with the command's first key. */
export function titleWithKey(commandId: string, title = command(commandId).title): string {
  const b = bindingsOf(commandId)[0];
  return b ? `${title} (${b.key})` : title;
}

/** The menu's accelerator for a command (`CmdOrCtrl+I`), if it has a key. */
export function accelerator(commandId: string): string | undefined {
  const b = bindingsOf(commandId)[0];
  if (!b || b.key.startsWith('<')) return undefined;
  return b.key === '?' ? 'Shift+/' : b.key.replace(/^Ctrl\+/, 'CmdOrCtrl+');
}

export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Chord {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

const chords = new Map<string, Chord>();

function parse(spec: string): Chord {
  let c = chords.get(spec);
  if (!c) {
    const parts = spec === '+' ? ['+'] : spec.split('+');
    const key = parts.pop()!;
    c = { ctrl: parts.includes('Ctrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), key };
    chords.set(spec, c);
  }
  return c;
}

/**
 * Whether a key event is this binding's key. Letters compare without case
 * (Shift is its own modifier); a printable symbol such as `?` ignores Shift,
 * which keyboard layouts need to type it.
 */
export function matchesKey(spec: string, e: KeyEventLike, placeholder?: (key: string) => boolean): boolean {
  const c = parse(spec);
  if (c.ctrl !== (e.ctrlKey || e.metaKey) || c.alt !== e.altKey) return false;
  if (c.key.startsWith('<')) return !e.shiftKey && !!placeholder?.(e.key);
  const symbol = c.key.length === 1 && !/\p{L}/u.test(c.key);
  if (!symbol && c.shift !== e.shiftKey) return false;
  return c.key.length === 1 ? c.key.toLowerCase() === e.key.toLowerCase() : c.key === e.key;
}
