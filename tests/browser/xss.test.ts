import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addNote, browserAndServer, createWorkshop, join, newDevice } from "./helpers";

const PAYLOADS = [
  "<img src=x onerror=window.__xss=1>",
  "<script>window.__xss=1</script>",
  "javascript:window.__xss=1",
  "</script><script>window.__xss=1</script>",
  '"><svg onload=window.__xss=1>',
];

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

describe("user text is shown, never run", () => {
  it("renders script-like note text, names, title and challenge literally in two browsers", async () => {
    const title = `${PAYLOADS[0]} ${PAYLOADS[4]}`;
    const challenge = PAYLOADS.join(" | ");
    const created = await createWorkshop(env.server.url, title, challenge);

    const facilitator = await newDevice(env.browser);
    const citizen = await newDevice(env.browser);
    const dialogs = [...[facilitator, citizen].map(watch)];
    await join(facilitator, created.links.facilitator, PAYLOADS[1] as string);
    await join(citizen, created.links.citizen, PAYLOADS[4] as string);

    for (const payload of PAYLOADS) await addNote(citizen, payload);
    // A payload as a link in the note text: shown as text, not a link.
    const note = (page: Page, payload: string) =>
      page.getByRole("article", { name: `Note by ${PAYLOADS[4]}: ${payload}`, exact: true });
    for (const payload of PAYLOADS) await note(facilitator, payload).waitFor({ timeout: 2000 });

    for (const page of [facilitator, citizen]) {
      // Title and challenge, as text.
      await expect.poll(() => page.locator("h1.topbar__heading").textContent()).toBe(title);
      await page.locator(".challenge summary").click();
      expect(await page.locator(".challenge p").textContent()).toBe(challenge);
      // Every note's text is the payload, character for character, with its author's name.
      for (const payload of PAYLOADS) {
        expect(await note(page, payload).count()).toBe(1);
        // The citizen's own notes are textareas (value), others' paragraphs (text): both literal.
        const shown = await note(page, payload)
          .locator(".note__text")
          .evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : el.textContent));
        expect(shown).toBe(payload);
      }
      // Names in the people list, as text.
      await page.getByRole("button", { name: /^\d+ people$/ }).click();
      const people = page.locator("#people-panel");
      await expect.poll(() => people.textContent()).toContain(PAYLOADS[1]);
      expect(await people.textContent()).toContain(PAYLOADS[4]);
      // Nothing was injected: no elements from payloads, no links, nothing ran.
      expect(await page.locator("main img[src='x'], main svg[onload], main script").count()).toBe(0);
      expect(await page.locator("main a[href^='javascript']").count()).toBe(0);
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    }

    // The facilitator's edit form shows the payload in inputs (values, not markup) and saves it back.
    await facilitator.getByRole("button", { name: "Edit title and challenge" }).click();
    expect(await facilitator.getByRole("textbox", { name: "Workshop title" }).inputValue()).toBe(title);
    await facilitator.getByRole("textbox", { name: "Workshop title" }).fill(PAYLOADS[3] as string);
    await facilitator.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => citizen.locator("h1.topbar__heading").textContent()).toBe(PAYLOADS[3]);
    expect(await citizen.title()).toContain(PAYLOADS[3]);

    // After a reload (everything from the server), still nothing runs.
    await citizen.reload();
    await note(citizen, PAYLOADS[0] as string).waitFor();
    for (const page of [facilitator, citizen])
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs.flat()).toEqual([]);
  });
});
