/**
 * `npm run screenshots`: the main pages at desktop and phone size, in Thai and English, as PNGs in
 * ./screenshots, against a throwaway server with a small seeded workshop. For looking, not asserting.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { parseLinkFragment } from "../shared/protocol";
import { DESKTOP, launchChromium, PHONE } from "../tests/support/browser";
import { startServerProcess } from "../tests/support/server-process";

const OUT = "screenshots";
mkdirSync(OUT, { recursive: true });

const server = await startServerProcess();
const browser = await launchChromium();
try {
  const created = await fetch(`${server.url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      title: "ลดเวลารอคิวที่โรงพยาบาลอำเภอ",
      challenge: "เราจะช่วยให้ผู้ป่วยรอคิวน้อยลงได้อย่างไร",
    }),
  }).then((r) => r.json() as Promise<{ links: Record<string, string> }>);
  const facilitator = created.links.facilitator as string;
  const citizen = created.links.citizen as string;
  if (!parseLinkFragment(new URL(facilitator).hash)) throw new Error("bad link");

  const notes = [
    "ผู้สูงอายุมาตั้งแต่ตี 5 เพื่อรับบัตรคิว",
    "Patients cannot tell when their number will be called",
    "อยากรู้ว่าต้องรออีกกี่นาที",
    "Pharmacy queue is longer than the doctor queue",
  ];

  for (const [locale, lang] of [
    ["th-TH", "th"],
    ["en-US", "en"],
  ] as const) {
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const shot = (name: string) => page.screenshot({ path: `${OUT}/${name}-${size}-${lang}.png` });
      await page.goto(server.url);
      await page.waitForLoadState("networkidle");
      await shot("home");

      await page.goto(citizen);
      await page.locator("#display-name").waitFor();
      await shot("join");
      await page.locator("#display-name").fill(lang === "th" ? "มาลี" : "Malee");
      await page.keyboard.press("Enter");
      await page.getByRole("tablist").waitFor();
      if (lang === "th" && size === "desktop") await seed(page, notes);
      // A board card on desktop, a list item on a phone.
      await page.locator("[data-note-id]").first().waitFor();
      await shot("workshop");
      await page.locator(".people__button").click();
      await shot("people");

      // The facilitator on their own device (the citizen's participant is per device and per link).
      const facContext = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
      const fac = await facContext.newPage();
      await fac.goto(facilitator);
      await fac.locator("#display-name").fill(lang === "th" ? "สมชาย" : "Somchai");
      await fac.keyboard.press("Enter");
      await fac.getByRole("tablist").waitFor();
      const share = fac.getByRole("button", { name: lang === "th" ? "แชร์" : "Share" });
      if ((await share.getAttribute("aria-expanded")) !== "true") await share.click();
      await fac.locator(".share__qr--citizen[src]").waitFor();
      await fac.screenshot({ path: `${OUT}/share-${size}-${lang}.png` });
      await fac.locator(".share__rotate").nth(2).click();
      await fac.screenshot({ path: `${OUT}/share-rotate-${size}-${lang}.png` });
      await fac.locator(".share__citizen .button").click();
      await fac.locator(".qr-large__code[src]").waitFor();
      await fac.screenshot({ path: `${OUT}/qr-large-${size}-${lang}.png` });
      await context.close();
      await facContext.close();
    }
  }
  console.log(`screenshots written to ${OUT}/`);
} finally {
  await browser.close();
  await server.stop();
}

async function seed(page: Page, texts: string[]) {
  for (const text of texts) {
    await page.getByRole("button", { name: /เพิ่มโน้ต|Add note/ }).click();
    const box = page.locator("textarea:focus");
    await box.fill(text);
    await box.press("Enter");
  }
}
