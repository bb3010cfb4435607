/**
 * Cuts to at most `max` UTF-16 units without splitting a surrogate pair, and replaces lone surrogates
 * with U+FFFD. Yjs sends strings as UTF-8, which turns a lone surrogate into U+FFFD on every other peer:
 * writing one locally would leave this peer showing different text than everyone else.
 */
export function clampText(text: string, max: number): string {
  const last = text.charCodeAt(max - 1);
  const cut =
    text.length > max && last >= 0xd800 && last <= 0xdbff ? text.slice(0, max - 1) : text.slice(0, max);
  return cut.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
