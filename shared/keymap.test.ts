import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accelerator, BINDINGS, COMMANDS, matchesKey, SHEET, titleWithKey, type KeyEventLike } from './keymap';

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

/** The rows of the markdown table that follows `heading` in the README. */
function readmeRows(readme: string, heading: string): string[] {
  const at = readme.indexOf(heading);
  expect(at, `README has "${heading}"`).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(at + heading.length).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(l);
  }
  return rows;
}

const row = (r: { keys: string; action: string }) => `| ${r.keys} | ${r.action} |`;

describe('keymap', () => {
  it("the README's shortcut tables are the keymap's sheet", () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readmeRows(readme, '## Keyboard shortcuts')).toEqual(SHEET.filter((r) => r.scope === 'document').map(row));
    expect(readmeRows(readme, 'In the Review tab:')).toEqual(SHEET.filter((r) => r.scope === 'review').map(row));
  });

  it('every bound command exists and is on the sheet of its scope', () => {
    const ids = new Set(COMMANDS.map((c) => c.id));
    for (const b of BINDINGS) expect(ids.has(b.command), b.command).toBe(true);
    for (const r of SHEET) for (const c of r.commands) expect(ids.has(c), c).toBe(true);
    const documented = new Set(SHEET.flatMap((r) => r.commands));
    const undocumented = BINDINGS.filter((b) => b.scope !== 'dialog' && !documented.has(b.command)).map((b) => b.command);
    expect(undocumented).toEqual([]);
  });

  it('no two bindings of one scope claim the same key under the same condition and precedence', () => {
    const seen = new Map<string, string>();
    for (const b of BINDINGS) {
      const id = `${b.scope} ${b.key} ${b.when ?? ''} ${b.precedence ?? 0}`;
      expect(seen.get(id), `${id}: ${b.command}`).toBeUndefined();
      seen.set(id, b.command);
    }
  });

  it('matches keys as a keyboard types them', () => {
    expect(matchesKey('Ctrl+Z', key('z', { ctrlKey: true }))).toBe(true);
    expect(matchesKey('Ctrl+Z', key('z', { metaKey: true }))).toBe(true); // Cmd on a Mac
    expect(matchesKey('Ctrl+Z', key('Z', { ctrlKey: true, shiftKey: true }))).toBe(false); // that is redo
    expect(matchesKey('Ctrl+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesKey('?', key('?', { shiftKey: true }))).toBe(true); // Shift is how ? is typed
    expect(matchesKey('Delete', key('Delete'))).toBe(true);
    expect(matchesKey('j', key('j', { altKey: true }))).toBe(false);
    expect(matchesKey('Ctrl+ArrowRight', key('ArrowRight', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesKey('<label>', key('3'), (k) => k === '3')).toBe(true);
    expect(matchesKey('<label>', key('3', { ctrlKey: true }), (k) => k === '3')).toBe(false);
  });

  it('gives the toolbar its titles and the menu its accelerators', () => {
    expect(titleWithKey('undo')).toBe('Undo (Ctrl+Z)');
    expect(accelerator('import')).toBe('CmdOrCtrl+I');
    expect(accelerator('shortcuts')).toBe('Shift+/');
    expect(accelerator('delete-span')).toBe('Delete');
  });
});
