import * as Y from "yjs";

/**
 * Rich-text fields (Y.XmlFragments written by the Tiptap editor through y-tiptap) as a small, flat list
 * of blocks the report renderers share. Only the node types the editor uses are understood: paragraph,
 * heading, bullet/ordered/task lists, blockquote, code block, hard break; marks bold, italic, strike,
 * code and link (kept only with a safe href). Anything else contributes its text and nothing more.
 */

export interface Inline {
  text: string;
  bold?: true;
  italic?: true;
  strike?: true;
  code?: true;
  /** Only `http(s):` and `mailto:` links survive. */
  href?: string;
}

export type ListKind = "bullet" | "ordered" | "task";

export interface RichBlock {
  kind: "paragraph" | "heading" | "item" | "quote" | "code";
  inlines: Inline[];
  /** Heading level 1–6. */
  level?: number;
  /** List items: which list, how deep (0 = top), number in an ordered list, checkbox state. */
  list?: ListKind;
  depth?: number;
  n?: number;
  checked?: boolean;
}

/** Same rule as the editor (client/richtext/links.ts): web pages and mail only. */
export const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s<>"'`]*$/i;
export const safeHref = (href: unknown): string | null =>
  typeof href === "string" && SAFE_HREF.test(href.trim()) ? href.trim() : null;

const LIST_NODES: Record<string, ListKind> = {
  bulletList: "bullet",
  orderedList: "ordered",
  taskList: "task",
};
const MAX_DEPTH = 8;

function inlinesOf(element: Y.XmlElement | Y.XmlFragment): Inline[] {
  return inlinesOfChildren(element.toArray());
}

function inlinesOfChildren(children: readonly (Y.XmlElement | Y.XmlText | Y.XmlHook)[]): Inline[] {
  const out: Inline[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== "string" || op.insert === "") continue;
        const inline: Inline = { text: op.insert };
        for (const [rawName, attrs] of Object.entries(op.attributes ?? {})) {
          // Overlapping marks carry a hash suffix: `link--abc123`.
          const name = rawName.split("--")[0];
          if (name === "bold") inline.bold = true;
          else if (name === "italic") inline.italic = true;
          else if (name === "strike") inline.strike = true;
          else if (name === "code") inline.code = true;
          else if (name === "link") {
            const href = safeHref((attrs as { href?: unknown } | null)?.href);
            if (href) inline.href = href;
          }
        }
        out.push(inline);
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === "hardBreak") out.push({ text: "\n" });
      else out.push(...inlinesOf(child));
    }
  }
  return out;
}

interface WalkContext {
  list?: ListKind;
  depth: number;
  quote: boolean;
}

function walk(
  children: readonly (Y.XmlElement | Y.XmlText | Y.XmlHook)[],
  out: RichBlock[],
  ctx: WalkContext,
): void {
  let n = 0;
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      out.push({ kind: ctx.quote ? "quote" : "paragraph", inlines: inlinesOfChildren([child]) });
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const name = child.nodeName;
    if (name in LIST_NODES) {
      if (ctx.depth >= MAX_DEPTH) continue;
      const list = LIST_NODES[name];
      walk(child.toArray(), out, { list, depth: ctx.list ? ctx.depth + 1 : 0, quote: ctx.quote });
    } else if (name === "listItem" || name === "taskItem") {
      n++;
      const block: RichBlock = { kind: "item", inlines: [], list: ctx.list ?? "bullet", depth: ctx.depth };
      if ((ctx.list ?? "bullet") === "ordered") block.n = n;
      if (name === "taskItem") block.checked = String(child.getAttribute("checked")) === "true";
      out.push(block);
      const [first, ...rest] = child.toArray();
      // The first paragraph is the item's own line; nested lists and further paragraphs follow it.
      if (first instanceof Y.XmlElement && first.nodeName === "paragraph") block.inlines = inlinesOf(first);
      else if (first) rest.unshift(first);
      walk(rest, out, ctx);
    } else if (name === "heading") {
      const level = Number(child.getAttribute("level"));
      const valid = level >= 1 && level <= 6;
      out.push({ kind: "heading", level: valid ? Math.floor(level) : 2, inlines: inlinesOf(child) });
    } else if (name === "blockquote") {
      walk(child.toArray(), out, { ...ctx, quote: true });
    } else if (name === "codeBlock") {
      out.push({ kind: "code", inlines: [{ text: plain(inlinesOf(child)) }] });
    } else if (name === "horizontalRule") {
      // Nothing to say in a report.
    } else {
      out.push({ kind: ctx.quote ? "quote" : "paragraph", inlines: inlinesOf(child) });
    }
  }
}

export const plain = (inlines: readonly Inline[]): string => inlines.map((i) => i.text).join("");

/** The blocks of a rich-text fragment; empty paragraphs are dropped. */
export function fragmentToBlocks(fragment: Y.XmlFragment | null | undefined): RichBlock[] {
  if (!fragment) return [];
  const out: RichBlock[] = [];
  walk(fragment.toArray(), out, { depth: 0, quote: false });
  return out.filter((block) => block.kind === "item" || plain(block.inlines).trim() !== "");
}

// ---- Markdown ----

/** Escapes Markdown syntax in literal text (so a note cannot turn into a link, heading or HTML). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

function inlineMarkdown(inline: Inline): string {
  if (inline.text === "\n") return "  \n";
  let text = inline.code ? `\`${inline.text.replace(/`/g, "'")}\`` : escapeMarkdown(inline.text);
  if (inline.strike) text = `~~${text}~~`;
  if (inline.italic) text = `*${text}*`;
  if (inline.bold) text = `**${text}**`;
  if (inline.href) text = `[${text}](<${inline.href.replace(/[<>]/g, "")}>)`;
  return text;
}

export const inlinesToMarkdown = (inlines: readonly Inline[]): string =>
  inlines
    .map(inlineMarkdown)
    .join("")
    .replace(/\n(?! )/g, " ");

/** Markdown of rich-text blocks; `headingOffset` pushes headings below the report's own. */
export function blocksToMarkdown(blocks: readonly RichBlock[], headingOffset = 0): string {
  const lines: string[] = [];
  let prevItem = false;
  for (const block of blocks) {
    const text = inlinesToMarkdown(block.inlines);
    if (block.kind === "item") {
      const indent = "   ".repeat(block.depth ?? 0);
      const marker =
        block.list === "ordered"
          ? `${block.n ?? 1}.`
          : block.list === "task"
            ? block.checked
              ? "- [x]"
              : "- [ ]"
            : "-";
      if (!prevItem && lines.length) lines.push("");
      lines.push(`${indent}${marker} ${text}`);
      prevItem = true;
      continue;
    }
    if (lines.length) lines.push("");
    prevItem = false;
    if (block.kind === "heading")
      lines.push(`${"#".repeat(Math.min(6, (block.level ?? 2) + headingOffset))} ${text}`);
    else if (block.kind === "quote") lines.push(`> ${text}`);
    else if (block.kind === "code") lines.push(`    ${plain(block.inlines).replace(/\n/g, "\n    ")}`);
    else lines.push(text);
  }
  return lines.join("\n");
}

/** Plain text of rich-text blocks (one line per block). */
export const blocksToText = (blocks: readonly RichBlock[]): string =>
  blocks
    .map((b) =>
      b.kind === "item"
        ? `${"  ".repeat(b.depth ?? 0)}${b.list === "task" ? (b.checked ? "[x] " : "[ ] ") : b.list === "ordered" ? `${b.n}. ` : "- "}${plain(b.inlines)}`
        : plain(b.inlines),
    )
    .join("\n");
