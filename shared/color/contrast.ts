/** WCAG 2.x colour contrast, for checking the themes and highlight tints (renderer/app/contrast.test.ts). */

export type Rgb = readonly [number, number, number];

/** `#rgb`, `#rrggbb` or `#rrggbbaa` (alpha returned separately, 0–1). */
export function parseHex(hex: string): { rgb: Rgb; alpha: number } {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  let h = m[1]!;
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const byte = (i: number): number => parseInt(h.slice(i, i + 2), 16);
  return { rgb: [byte(0), byte(2), byte(4)], alpha: h.length === 8 ? byte(6) / 255 : 1 };
}

/** What the eye sees: `top` at `alpha` painted over an opaque `bottom`. */
export function over(top: Rgb, alpha: number, bottom: Rgb): Rgb {
  return [0, 1, 2].map((i) => top[i]! * alpha + bottom[i]! * (1 - alpha)) as unknown as Rgb;
}

export function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** 1 (same) to 21 (black on white); WCAG AA asks 4.5 for body text. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const AA_TEXT = 4.5;
