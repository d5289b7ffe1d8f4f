import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';

// the menu is checked as the template it builds; no Electron binary is needed for that
vi.mock('electron', () => ({ Menu: { buildFromTemplate: (template: unknown) => template } }));
const { buildMenu } = await import('./menu');

interface Item {
  label?: string;
  role?: string;
  submenu?: Item[];
}
const roles = (items: Item[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

describe('packaging hardening', () => {
  it('electron-builder flips the Electron fuses that would let a local attacker run code through the app', () => {
    const config = loadYaml(readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('keeps "Toggle DevTools" out of the production menu, and in the development one', () => {
    const production = buildMenu(() => undefined) as unknown as Item[];
    expect(roles(production).map((r) => r.toLowerCase())).not.toContain('toggledevtools');
    expect(roles(production)).toContain('reload');
    const development = buildMenu(() => undefined, { devTools: true }) as unknown as Item[];
    expect(roles(development)).toContain('toggleDevTools');
  });
});
