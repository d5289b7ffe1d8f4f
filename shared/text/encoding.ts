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
  /** a UTF-8 byte order mark was removed; brat (Python's utf-8 codec) counts it as character 0 */
  utf8Bom?: boolean;
}

/** The bytes cannot be read as text without guessing wrong; the message names the file and the reason. */
export class TextDecodeError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
  ) {
    super(message);
  }
}

export class BinaryFileError extends TextDecodeError {
  constructor(fileName: string) {
    super(fileName, `${fileName} looks like a binary file, not text`);
  }
}

/** Fraction of C0 control bytes (other than tab, LF, CR, FF) above which we call a file binary. */
const MAX_CONTROL_RATIO = 0.02;

export function decodeText(bytes: Uint8Array, fileName = 'file'): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le', fileName);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be', fileName);
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasUtf8Bom ? bytes.subarray(3) : bytes;
  // NUL never occurs in text we can annotate; UTF-16 without a BOM is rare enough to treat as binary too
  if (looksBinary(body)) throw new BinaryFileError(fileName);
  try {
    // ignoreBOM: we strip it ourselves above so that a BOM-less file keeps a leading U+FEFF if it has one mid-stream
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', ...(hasUtf8Bom ? { utf8Bom: true } : {}) };
  } catch {
    // UTF-8 with a damaged byte or two is not Windows-1252: read that way every Cyrillic or accented
    // letter becomes two or three characters and every annotation offset after it points at the wrong text
    const scan = scanUtf8(body);
    if (scan.multibyte > scan.invalid) {
      throw new TextDecodeError(fileName, `${fileName} is not valid UTF-8: byte ${scan.firstInvalid + (hasUtf8Bom ? 3 : 0)} is damaged (the rest is UTF-8, so it was not read as Windows-1252); re-save it as UTF-8`);
    }
    // Windows-1252 is a superset of the printable Latin-1 range and what "ANSI" files from Word/Excel actually are
    const text = new TextDecoder('windows-1252').decode(body);
    return {
      text,
      encoding: 'windows-1252',
      warning: `${fileName} is not valid UTF-8; read it as Windows-1252 (Latin-1). Check accented letters.`,
    };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', fileName: string): DecodedText {
  let text: string;
  try {
    // fatal: an odd byte count or a lone surrogate means a cut or damaged file, not text to keep with U+FFFD in it
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
  } catch {
    throw new TextDecodeError(fileName, `${fileName} starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()} (cut short or damaged)`);
  }
  // a BOM-like first pair of bytes does not make a file text
  let control = 0;
  const n = Math.min(text.length, 32 * 1024);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new BinaryFileError(fileName);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
  }
  if (n && control / n > MAX_CONTROL_RATIO) throw new BinaryFileError(fileName);
  return { text, encoding };
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes, and finds the first invalid one. */
function scanUtf8(bytes: Uint8Array): { multibyte: number; invalid: number; firstInvalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && len === 3) ok = !(b === 0xe0 && bytes[i + 1]! < 0xa0) && !(b === 0xed && bytes[i + 1]! >= 0xa0);
    if (ok && len === 4) ok = !(b === 0xf0 && bytes[i + 1]! < 0x90) && !(b === 0xf4 && bytes[i + 1]! >= 0x90);
    if (ok) {
      multibyte++;
      i += len;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid, firstInvalid };
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
