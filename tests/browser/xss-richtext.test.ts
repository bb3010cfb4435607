import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAndServer, createWorkshop, join, newDevice } from "./helpers";

const TYPED = [
  "<img src=x onerror=window.__xss=1>",
  "<script>window.__xss=1</script>",
  "</script><script>window.__xss=1</script>",
  "javascript:window.__xss=1",
];
const PASTED_HTML =
  '<p>pasted <img src=x onerror=window.__xss=1> and <a href="javascript:window.__xss=1">x</a></p>';
/** What is left of the pasted HTML: its text, the image dropped, the link's text without the link. */
const PASTED_TEXT = "pasted and x";
const UNSAFE_LINKS = [
  "javascript:window.__xss=1",
  "  JaVaScRiPt:window.__xss=1",
  "data:text/html,<script>window.__xss=1</script>",
];
/** Also a person's name: it is shown in the caret label other people see. */
const NAME = '<img src=x onerror=alert(1)>"><svg onload=alert(1)>';

const env = browserAndServer();

/** Records dialogs (alert/confirm/prompt) a payload might open. */
function watch(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

const DESCRIPTION = "Description of Queue SMS";
const editor = (page: Page) => page.getByRole("textbox", { name: DESCRIPTION });
/** The document's text, one line per block, without other people's caret labels. */
const text = (page: Page) =>
  editor(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return [...copy.children].map((block) => block.textContent).join("\n");
  });
/** The text of the editor's links and their addresses, without caret labels. */
const linksIn = (page: Page) =>
  editor(page).evaluate((el) =>
    [...el.querySelectorAll("a")].map((link) => {
      const copy = link.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
      return { href: link.getAttribute("href"), text: copy.textContent };
    }),
  );

/**
 * The Tiptap editor behind a field (Tiptap sets it on its DOM node). Selections go through it: a DOM
 * range reaches ProseMirror only on the next asynchronous `selectionchange`, so a keystroke right after
 * could still use the old selection.
 */
interface EditorHandle {
  state: {
    selection: { empty: boolean; head: number };
    doc: {
      content: { size: number };
      descendants(
        fn: (node: { type: { name: string }; textContent: string; nodeSize: number }, pos: number) => void,
      ): void;
    };
  };
  commands: { focus(at?: "end"): boolean; setTextSelection(range: { from: number; to: number }): boolean };
}

/** Selects one paragraph of the editor, as a drag over it would. */
async function selectLine(page: Page, line: string) {
  await editor(page).evaluate((el, text) => {
    const tiptap = (el as unknown as { editor: EditorHandle }).editor;
    let range: { from: number; to: number } | null = null;
    tiptap.state.doc.descendants((node, pos) => {
      if (!range && node.type.name === "paragraph" && node.textContent === text)
        range = { from: pos + 1, to: pos + node.nodeSize - 1 };
    });
    if (!range) throw new Error(`no paragraph "${text}"`);
    tiptap.commands.focus();
    tiptap.commands.setTextSelection(range);
  }, line);
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(line);
}

/** Presses Enter and waits until the editor has the new paragraph, before anything else is typed. */
async function newParagraph(page: Page) {
  const blocks = () => editor(page).evaluate((el) => el.querySelectorAll(":scope > p").length);
  const before = await blocks();
  await page.keyboard.press("Enter");
  await expect.poll(blocks).toBe(before + 1);
}

/** Puts the caret at the end of the editor's text, as a click after its last character would. */
async function caretAtEnd(page: Page) {
  const atEnd = await editor(page).evaluate((el) => {
    const tiptap = (el as unknown as { editor: EditorHandle }).editor;
    tiptap.commands.focus("end");
    const { selection, doc } = tiptap.state;
    return selection.empty && selection.head === doc.content.size - 1;
  });
  expect(atEnd).toBe(true);
  // Let the focus settle for a frame: a key pressed within milliseconds of a programmatic focus was seen
  // to be dropped now and then (a person's click and keystroke are never that close; see the notes).
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

async function openPrototypes(page: Page) {
  await page.getByRole("tab", { name: /Prototype/ }).click();
  await page.getByRole("button", { name: "Prototypes", exact: true }).click();
}

/** Everything in the page that could run: script-scheme links anywhere, elements a payload would add. */
const injected = (page: Page) =>
  page.evaluate(() => {
    const scheme = (value: string | null) => (value ?? "").replace(/\s/g, "").toLowerCase();
    const all = [...document.querySelectorAll("*")];
    return {
      xss: (window as { __xss?: unknown }).__xss,
      // (The page's own favicon is a data: URL in a <link>: data: counts only in the document body.)
      scriptLinks: all.filter((el) =>
        ["href", "src", "action", "formaction", "xlink:href"].some((a) =>
          (document.body.contains(el) ? /^(javascript|data|vbscript):/ : /^(javascript|vbscript):/).test(
            scheme(el.getAttribute(a)),
          ),
        ),
      ).length,
      handlers: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
      images: document.querySelectorAll("main img[src='x'], main svg[onload]").length,
      scripts: document.querySelectorAll("main script, .ProseMirror script").length,
    };
  });

describe("rich text is shown, never run", () => {
  it("keeps typed, pasted and linked payloads inert in two browsers", async () => {
    const { links } = await createWorkshop(env.server.url, "Clinic queue", "How might patients wait less?");
    const [a, b] = await Promise.all([newDevice(env.browser), newDevice(env.browser)]);
    const dialogs = [a, b].map(watch);
    await join(a, links.facilitator, "Somchai");
    await join(b, links.team, NAME);
    await Promise.all([openPrototypes(a), openPrototypes(b)]);

    await a.getByRole("button", { name: "Add prototype" }).click();
    const title = a.getByRole("textbox", { name: "Title" });
    await title.fill("Queue SMS");
    await title.press("Enter");
    await editor(b).waitFor();

    // Typed: each payload on its own line, followed by a space (which would trigger autolinking).
    await editor(a).click();
    for (const [i, payload] of TYPED.entries()) {
      if (i > 0) await a.keyboard.press("Enter");
      await a.keyboard.type(`${payload} `);
    }
    await expect.poll(() => text(b)).toContain(TYPED.at(-1));

    // Pasted HTML, as a clipboard paste event would bring it (the text/plain flavour is a decoy).
    await caretAtEnd(b);
    await newParagraph(b);
    await editor(b).evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", "plain fallback");
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, PASTED_HTML);
    await expect.poll(() => text(a)).toContain(PASTED_TEXT);

    // A link through the toolbar's link control: refused, nothing inserted.
    await newParagraph(b);
    await b.keyboard.type("safe words");
    await selectLine(b, "safe words");
    for (const unsafe of UNSAFE_LINKS) {
      await b.getByRole("button", { name: "Link", exact: true }).click();
      const address = b.getByRole("textbox", { name: "Link address" });
      await address.fill(unsafe);
      await b.getByRole("button", { name: "Add link" }).click();
      await b.getByText("Only web (https://) and mail (mailto:) links are allowed.").waitFor();
      expect(await address.getAttribute("aria-invalid")).toBe("true");
      await b.locator(".richtext__link").getByRole("button", { name: "Cancel" }).click();
    }
    // The control does work: a web address becomes a link (so the refusals above were real attempts).
    await selectLine(b, "safe words");
    await b.getByRole("button", { name: "Link", exact: true }).click();
    await b.getByRole("textbox", { name: "Link address" }).fill("https://example.org/");
    await b.getByRole("button", { name: "Add link" }).click();
    for (const page of [a, b])
      await expect.poll(() => linksIn(page)).toEqual([{ href: "https://example.org/", text: "safe words" }]);

    // The other person's caret label shows their name as text (it comes from presence).
    await editor(b).click();
    await expect
      .poll(() => a.locator(".collaboration-carets__label").allTextContents(), { timeout: 5000 })
      .toEqual([NAME]);

    const expected = [...TYPED.map((payload) => `${payload} `), PASTED_TEXT, "safe words"].join("\n");
    const check = async () => {
      for (const page of [a, b]) {
        await expect.poll(() => text(page), { timeout: 5000 }).toBe(expected);
        expect(await injected(page)).toEqual({
          xss: undefined,
          scriptLinks: 0,
          handlers: 0,
          images: 0,
          scripts: 0,
        });
        expect(await linksIn(page)).toEqual([{ href: "https://example.org/", text: "safe words" }]);
      }
    };
    await check();

    // From the server after a reload (b's own edits and a's, from storage): still literal, still inert.
    await b.reload();
    await openPrototypes(b);
    await editor(b).waitFor();
    await check();
    expect(dialogs.flat()).toEqual([]);
  });
});
