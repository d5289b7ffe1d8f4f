import { describe, expect, it } from 'vitest';
import { BinaryFileError, decodeText } from './encoding';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8 and keeps CRLF and combining marks exactly', () => {
    const s = 'Ре\u0301шение\r\n👩‍👩‍👧 🚀 مرحبا';
    expect(decodeText(utf8(s))).toEqual({ text: s, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('abc')]);
    expect(decodeText(bytes).text).toBe('abc');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const s = 'héllo 🚀\r\n';
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(decodeText(new Uint8Array(le))).toEqual({ text: s, encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array(be))).toEqual({ text: s, encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 with a warning for legacy files', () => {
    // "café – “ok”" in Windows-1252
    const bytes = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x6f, 0x6b, 0x94]);
    const out = decodeText(bytes, 'old.txt');
    expect(out.text).toBe('café – “ok”');
    expect(out.encoding).toBe('windows-1252');
    expect(out.warning).toMatch(/old\.txt is not valid UTF-8/);
  });

  it('refuses binary files with a clear message', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(() => decodeText(png, 'photo.png')).toThrow(BinaryFileError);
    expect(() => decodeText(png, 'photo.png')).toThrow('photo.png looks like a binary file, not text');
    const controls = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(() => decodeText(controls, 'x.bin')).toThrow(/binary/);
  });

  it('accepts an empty file', () => {
    expect(decodeText(new Uint8Array()).text).toBe('');
  });
});
