/** Short random ids; crypto.randomUUID exists in Node 22, Electron and browsers. */
export function newId(prefix: string): string {
  return `${prefix}${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** FNV-1a over UTF-16 units: a cheap, stable fingerprint to match documents across copies. */
export function textHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0') + text.length.toString(16);
}
