import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import axe from "axe-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sarabunFontCss } from "../../server/export";
import { buildReport, renderHtml } from "../../shared/report";
import { launchChromium } from "../support/browser";
import { fixtureWorkshop, PEOPLE, T0 } from "../unit/report.fixture";

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "ruamkid-report-"));

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const report = () =>
  buildReport(fixtureWorkshop(), { pseudonymize: true, includeHidden: false, now: T0 + 3_600_000 });

describe("HTML report in Chromium", () => {
  for (const locale of ["th", "en"] as const)
    it(`has no axe violations (${locale}) and runs no injected script`, async () => {
      // The report's own CSP forbids scripts; bypass it only to inject axe.
      const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 900 } });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setContent(renderHtml(report(), locale, { fontCss: sarabunFontCss() }), {
        waitUntil: "load",
      });
      await page.evaluate(() => document.fonts.ready);
      await page.addScriptTag({ content: axe.source });
      const result = await page.evaluate(async () => {
        const run = await (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] },
        });
        return run.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      expect(result).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => document.fonts.check('16px "Sarabun"', "ก"))).toBe(true);
      if (locale === "th") await page.screenshot({ path: "screenshots/report-html.png", fullPage: false });
      await context.close();
    });

  it("prints to an A4 PDF whose text has every section", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(renderHtml(report(), "en", { fontCss: sarabunFontCss() }), { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await context.close();
    const file = join(dir, "report.pdf");
    writeFileSync(file, pdf);
    execFileSync("pdftotext", ["-layout", file, join(dir, "report.txt")]);
    const text = readFileSync(join(dir, "report.txt"), "utf8");
    for (const section of [
      "Participants",
      "Timeline",
      "Empathize",
      "Personas",
      "Empathy map",
      "Define",
      "Point-of-view statements",
      "Ideate",
      "Top-voted ideas",
      "Prototype",
      "Test",
      "Feedback",
    ])
      expect(text).toContain(section);
    expect(text).toContain("Participant 1");
    for (const person of Object.values(PEOPLE)) expect(text).not.toContain(person.name);
    expect(execFileSync("pdfinfo", [file]).toString()).toMatch(/Page size:.*\(A4\)/);
  });
});
