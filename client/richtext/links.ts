/** Links in rich text may only point to web pages or mail: no `javascript:`, `data:` or other schemes. */
export const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

export function safeHref(input: string): string | null {
  const url = input.trim();
  if (!url) return null;
  if (SAFE_LINK.test(url)) return url;
  // "example.go.th/page" → https; anything with another scheme is refused.
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  return `https://${url}`;
}
