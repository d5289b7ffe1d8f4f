/**
 * The smallest single replacement turning `before` into `after`: common
 * prefix and suffix are kept. Offsets are UTF-16 and never split a
 * surrogate pair, so they convert cleanly to code points.
 */
export function diffText(before: string, after: string, caret?: number): { start: number; end: number; insert: string } | null {
  if (before === after) return null;
  let p = 0;
  const max = Math.min(before.length, after.length);
  // with a caret (its offset in `after`), the change ends there: "the the" loses the word the user deleted
  const pMax = caret === undefined ? max : Math.min(max, caret);
  while (p < pMax && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  const sMax = caret === undefined ? max - p : Math.min(max - p, after.length - Math.max(caret, p));
  let s = 0;
  while (s < sMax && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // do not cut through a surrogate pair
  if (p > 0 && isHigh(before.charCodeAt(p - 1))) p--;
  if (s > 0 && isLow(before.charCodeAt(before.length - s))) s--;
  return { start: p, end: before.length - s, insert: after.slice(p, after.length - s) };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
