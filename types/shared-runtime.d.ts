// The few web-platform globals every host of shared/ has (Node ≥ 22, Chromium, Electron),
// declared for tsconfig.shared.json, which has neither the DOM nor Node's types.

interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function structuredClone<T>(value: T): T;
// a global of every host, reachable as globalThis.crypto: only `var` declares that
// eslint-disable-next-line no-var
declare var crypto: { randomUUID(): string };
/** The renderer's File, named in the preload API's type; opaque to shared/. */
interface File {
  readonly name: string;
}
/** WHATWG URL, as Node and browsers have it (the parts shared/ reads). */
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly username: string;
  readonly password: string;
  toString(): string;
}
