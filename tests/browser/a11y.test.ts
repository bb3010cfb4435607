import axe from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DESKTOP, PHONE } from "../support/browser";
import { browserAndServer } from "./helpers";

const env = browserAndServer();

/** WCAG 2.1 A and AA, what the product promises; best practices left to review. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const run = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: tags },
    });
    return run.violations.map(
      (v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  }, TAGS);
}

/**
 * Every view of every stage: the tab, then each of its views (Board, Empathy map, Personas…). Returns
 * the violations found, each prefixed with where.
 */
async function sweep(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  const tabs = page.getByRole("tab");
  for (let i = 0; i < 5; i++) {
    await tabs.nth(i).click();
    const stage = ((await tabs.nth(i).textContent()) ?? "").trim();
    const views = page.locator(".view-switcher__button");
    const count = await views.count();
    for (let v = 0; v < Math.max(count, 1); v++) {
      let view = "";
      if (count) {
        await views.nth(v).click();
        view = ((await views.nth(v).textContent()) ?? "").trim();
      }
      // Rich-text fields load lazily; wait until the ones on screen are there.
      await page.waitForFunction(() => !document.querySelector(".richtext--loading"));
      for (const v of await violations(page)) found.push(`${where} · ${stage} · ${view}: ${v}`);
    }
  }
  return found;
}

describe("accessibility", () => {
  for (const locale of ["en", "th"] as const)
    it(`every stage view of a template workshop passes axe (WCAG 2.1 AA) on desktop and phone (${locale})`, async () => {
      const created = await fetch(`${env.server.url}/api/workshops`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          title: locale === "th" ? "ต่ออายุใบอนุญาตร้านอาหาร" : "Food shop licence",
          challenge: "x",
          template: "service-journey",
          locale,
        }),
      }).then((r) => r.json() as Promise<{ links: Record<"facilitator" | "citizen", string> }>);

      const found: string[] = [];
      for (const [who, link, viewport] of [
        ["facilitator on desktop", created.links.facilitator, DESKTOP],
        ["citizen on a phone", created.links.citizen, PHONE],
      ] as const) {
        // The app's CSP forbids injected scripts; bypassed only to load axe.
        const context = await env.browser.newContext({
          viewport,
          locale: locale === "th" ? "th-TH" : "en-US",
          bypassCSP: true,
        });
        const page = await context.newPage();
        await page.goto(link);
        await page.locator("#display-name").fill("Somchai");
        await page.keyboard.press("Enter");
        await page.getByRole("tablist").waitFor();
        const close = page.locator("#share-panel .share__close");
        if (await close.count()) await close.first().click();
        found.push(...(await sweep(page, who)));
        // Beyond the views: the facilitator's open tools and history with a selected idea, and the
        // canvas a phone can switch to.
        await page.getByRole("tab").nth(2).click();
        if (viewport === DESKTOP) {
          for (const tools of await page.locator(".facilitation__tools > details > summary").all())
            await tools.click();
          await page.locator("[data-note-id] .note__handle").first().click();
          await page.locator(".note-tools").waitFor();
          await page.locator(".history__body").waitFor();
        } else {
          await page.locator(".phone-mode__button").nth(1).click();
          await page.locator(".board__viewport").waitFor();
        }
        for (const v of await violations(page)) found.push(`${who} · tools and canvas: ${v}`);
        await context.close();
      }
      expect(found).toEqual([]);
    });

  it("the home page (create with a template) and the join page pass axe at both sizes, th and en", async () => {
    const created = await fetch(`${env.server.url}/api/workshops`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Clinic queue", challenge: "x" }),
    }).then((r) => r.json() as Promise<{ links: Record<"citizen", string> }>);
    const found: string[] = [];
    for (const locale of ["en-US", "th-TH"])
      for (const viewport of [DESKTOP, PHONE]) {
        const context = await env.browser.newContext({ viewport, locale, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(env.server.url);
        await page.getByRole("radio").nth(1).check();
        for (const v of await violations(page)) found.push(`home ${locale} ${viewport.width}: ${v}`);
        await page.goto(created.links.citizen);
        await page.locator("#display-name").waitFor();
        for (const v of await violations(page)) found.push(`join ${locale} ${viewport.width}: ${v}`);
        await context.close();
      }
    expect(found).toEqual([]);
  });
});
