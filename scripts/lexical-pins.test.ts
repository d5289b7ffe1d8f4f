import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Lexical packages must all be one exact version: mixed versions break its node registry at run time. */
describe('lexical version pin', () => {
  it('pins lexical and @lexical/react exactly, and the lock holds a single lexical version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, { version?: string }> };
    const pins = Object.entries(pkg.dependencies).filter(([name]) => name === 'lexical' || name.startsWith('@lexical/'));
    expect(pins.length).toBeGreaterThan(0);
    for (const [, range] of pins) expect(range).toMatch(/^\d+\.\d+\.\d+$/);
    const versions = new Set(
      Object.entries(lock.packages)
        .filter(([path]) => /node_modules\/(lexical|@lexical\/[^/]+)$/.test(path))
        .map(([, info]) => info.version),
    );
    expect([...versions]).toEqual([pins[0]![1]]);
  });
});
