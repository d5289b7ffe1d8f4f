import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Path capabilities. The renderer never names a file by itself: it holds
 * opaque tokens that main minted for paths that came from a place the user
 * chose them (a dialog, a drop, an earlier import), and main turns a token
 * back into its path only for the use it was minted for. A compromised
 * renderer can replay what it was given, but cannot reach /etc/shadow or
 * write over ~/.bashrc by naming them.
 */

export type PathUse = 'import' | 'export' | 'review' | 'corpus';

export class PathGrants {
  private readonly byToken = new Map<string, { path: string; use: PathUse }>();

  mint(p: string, use: PathUse): string {
    const token = `grant:${use}:${randomBytes(18).toString('base64url')}`;
    this.byToken.set(token, { path: path.resolve(p), use });
    return token;
  }

  /** The path behind a token minted for `use`; anything else is refused. */
  resolve(token: string, use: PathUse): string {
    const g = this.byToken.get(token);
    if (!g || g.use !== use) throw forbiddenPath(token);
    return g.path;
  }

  has(token: string, use: PathUse): boolean {
    return this.byToken.get(token)?.use === use;
  }
}

export function forbiddenPath(what: string): Error {
  const shown = what.length > 80 ? `${what.slice(0, 77)}…` : what;
  return Object.assign(new Error(`Refused "${shown}": the window may only use files and folders chosen in a dialog, dropped on it, or listed under recent corpora.`), {
    code: 'forbidden_path',
  });
}
