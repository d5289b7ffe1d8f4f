/**
 * Bytes → text for imported files. Offsets in annotation files count
 * characters of the exact text, so nothing is normalised here: CRLF, NBSP
 * and combining marks survive untouched. Only the BOM is removed, because
 * no annotation tool counts it.
 */

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** set when we had to guess (a legacy 8-bit encoding) */
  warning?: string;
}

export class BinaryFileError extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName} looks like a binary file, not text`);
  }
}

/** Fraction of C0 control bytes (other than tab, LF, CR, FF) above which we call a file binary. */
const MAX_CONTROL_RATIO = 0.02;

export function decodeText(bytes: Uint8Array, fileName = 'file'): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { fatal: false }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be', { fatal: false }).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasUtf8Bom ? bytes.subarray(3) : bytes;
  // NUL never occurs in text we can annotate; UTF-16 without a BOM is rare enough to treat as binary too
  if (looksBinary(body)) throw new BinaryFileError(fileName);
  try {
    // ignoreBOM: we strip it ourselves above so that a BOM-less file keeps a leading U+FEFF if it has one mid-stream
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Windows-1252 is a superset of the printable Latin-1 range and what "ANSI" files from Word/Excel actually are
    const text = new TextDecoder('windows-1252').decode(body);
    return {
      text,
      encoding: 'windows-1252',
      warning: `${fileName} is not valid UTF-8; read it as Windows-1252 (Latin-1). Check accented letters.`,
    };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let control = 0;
  // a prefix is enough to tell, and keeps this O(1) on huge files
  const n = Math.min(bytes.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / n > MAX_CONTROL_RATIO;
}
