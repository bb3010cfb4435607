import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAndServer, createWorkshop, join, newDevice } from "./helpers";

const env = browserAndServer();

const DESCRIPTION = "Description of Queue SMS";
const editor = (page: Page) => page.getByRole("textbox", { name: DESCRIPTION });
/** The document's text, without other people's caret labels. */
const text = (page: Page) =>
  editor(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return [...copy.children].map((block) => block.textContent).join("\n");
  });

async function openPrototypes(page: Page) {
  await page.getByRole("tab", { name: /Prototype/ }).click();
  await page.getByRole("button", { name: "Prototypes", exact: true }).click();
}

describe("rich text co-editing", () => {
  it("merges Thai and English typed at once, shows each other's caret, and commits an IME composition once", async () => {
    const { links } = await createWorkshop(env.server.url, "Clinic queue", "How might patients wait less?");
    const [a, b] = await Promise.all([newDevice(env.browser), newDevice(env.browser)]);
    await join(a, links.facilitator, "Somchai");
    await join(b, links.team, "Malee");
    await Promise.all([openPrototypes(a), openPrototypes(b)]);

    await a.getByRole("button", { name: "Add prototype" }).click();
    const title = a.getByRole("textbox", { name: "Title" });
    await title.fill("Queue SMS");
    await title.press("Enter");
    await editor(b).waitFor();

    // Two lines, one per writer, so each caret has its own place to type.
    await editor(a).click();
    await a.keyboard.type("EN: ");
    await a.keyboard.press("Enter");
    await a.keyboard.type("TH: ");
    await expect.poll(() => text(b)).toContain("TH: ");
    await a.keyboard.press("ArrowUp");
    await a.keyboard.press("End");
    await editor(b).click();
    await b.keyboard.press("Control+End");

    const english = ["Queue numbers ", "by SMS, ", "so patients ", "can go home."];
    const thai = ["ส่งเลขคิว", "ทางเอสเอ็มเอส ", "ผู้ป่วย", "กลับบ้านได้"];
    await Promise.all([
      (async () => {
        for (const part of english) await a.keyboard.type(part, { delay: 5 });
      })(),
      (async () => {
        for (const part of thai) {
          await b.keyboard.insertText(part);
          await b.waitForTimeout(15);
        }
      })(),
    ]);

    const wholeEnglish = `EN: ${english.join("")}`;
    const wholeThai = `TH: ${thai.join("")}`;
    for (const page of [a, b]) {
      await expect.poll(() => text(page), { timeout: 5000 }).toContain(wholeEnglish);
      await expect.poll(() => text(page), { timeout: 5000 }).toContain(wholeThai);
    }
    expect(await text(a)).toBe(await text(b));

    // Each sees the other's caret, labelled with their name.
    await expect
      .poll(() => a.locator(".collaboration-carets__label", { hasText: "Malee" }).count(), { timeout: 5000 })
      .toBe(1);
    await expect
      .poll(() => b.locator(".collaboration-carets__label", { hasText: "Somchai" }).count(), {
        timeout: 5000,
      })
      .toBe(1);

    // A Thai IME: composition events, then the committed text, land exactly once.
    await b.keyboard.press("Enter");
    await editor(b).evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { composition: string[] }).composition = seen;
      for (const type of ["compositionstart", "compositionupdate", "compositionend"])
        el.addEventListener(type, (event) => seen.push(event.type));
    });
    const cdp = await b.context().newCDPSession(b);
    for (const step of ["ข", "ขอ", "ขอบ", "ขอบคุ", "ขอบคุณ"])
      await cdp.send("Input.imeSetComposition", {
        text: step,
        selectionStart: step.length,
        selectionEnd: step.length,
      });
    await cdp.send("Input.insertText", { text: "ขอบคุณ" });
    for (const page of [a, b])
      await expect.poll(async () => (await text(page)).split("ขอบคุณ").length - 1, { timeout: 5000 }).toBe(1);
    expect(await text(b)).toContain("กลับบ้านได้\nขอบคุณ");
    const events = await b.evaluate(() => (window as unknown as { composition: string[] }).composition);
    expect(events[0]).toBe("compositionstart");
    expect(events).toContain("compositionupdate");
    expect(events.at(-1)).toBe("compositionend");
  });
});
