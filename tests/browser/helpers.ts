import type { Browser, Page } from "playwright-core";
import { DESKTOP } from "../support/browser";

/** A fresh browser context (a separate "device": its own localStorage) with one page. */
export async function newDevice(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? "en-US",
  });
  return context.newPage();
}

export async function createWorkshop(
  serverUrl: string,
  title: string,
  challenge: string,
): Promise<{ id: string; links: Record<"facilitator" | "team" | "citizen" | "observer", string> }> {
  const response = await fetch(`${serverUrl}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, challenge }),
  });
  if (!response.ok) throw new Error(`create failed: ${response.status}`);
  return (await response.json()) as never;
}

/** Opens a link on a device that has not joined yet: name (or anonymous), accept the notice, enter. */
export async function join(page: Page, link: string, name: string | null) {
  await page.goto(link);
  if (name === null) await page.getByRole("checkbox", { name: /Join anonymously/ }).check();
  else await page.getByRole("textbox", { name: "Your name" }).fill(name);
  await page.getByRole("button", { name: /^(Agree and continue|Continue)$/ }).click();
  await page.getByRole("tablist", { name: "Design-thinking stages" }).waitFor();
}

export async function addNote(page: Page, text: string) {
  await page.getByRole("button", { name: "Add note" }).click();
  const box = page.locator("textarea:focus");
  await box.fill(text);
  await box.press("Enter");
}

/** A note by its accessible name ("Note by <author>: <text>"): a substring match, no regex. */
export const noteWith = (page: Page, text: string) => page.getByRole("article", { name: text });
