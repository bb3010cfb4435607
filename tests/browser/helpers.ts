import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { DESKTOP, launchChromium } from "../support/browser";
import { type ServerProcess, startServerProcess } from "../support/server-process";

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

/** Seconds left on the shared timer as this page shows it ("m:ss"). */
export const timerSeconds = async (page: Page): Promise<number> => {
  const [m, s] = ((await page.getByTestId("timer").textContent()) ?? "").split(":").map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};

export const selectedTab = (page: Page) => page.getByRole("tab", { selected: true }).textContent();

/** Puts one of this page's dots on a note. */
export const voteFor = (page: Page, text: string) =>
  noteWith(page, text).getByRole("button", { name: "Vote for this note" }).click();

/** The facilitator makes `stage` ("Ideate") the current stage; resolves once every other page shows it. */
export async function moveEveryoneTo(facilitator: Page, others: readonly Page[], stage: string) {
  await facilitator.getByRole("tab", { name: new RegExp(stage) }).click();
  await facilitator.getByRole("button", { name: "Make this the current stage" }).click();
  for (const page of others) await expect.poll(() => selectedTab(page)).toContain(stage);
}

/** The facilitator starts a timer; resolves once every other page shows it. */
export async function startTimer(facilitator: Page, others: readonly Page[], minutes: number) {
  await facilitator.getByText("Facilitator tools").click();
  await facilitator.getByLabel("Minutes").fill(String(minutes));
  await facilitator.getByRole("button", { name: "Start", exact: true }).click();
  for (const page of others) await page.getByTestId("timer").waitFor();
}

/** The latest revealed ranking as each page shows it. */
export const rankings = (pages: readonly Page[]) =>
  Promise.all(
    pages.map(async (page) => {
      await page.getByTestId("ranking").waitFor();
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText: the rendered rows with their spacing.
      return page.getByTestId("ranking").innerText();
    }),
  );

/**
 * One Chromium and one real server process for a test file, started before its tests and stopped after.
 * The object stays live: a test that restarts the server assigns `env.server`.
 */
export function browserAndServer(): { browser: Browser; server: ServerProcess } {
  const env = {} as { browser: Browser; server: ServerProcess };
  beforeAll(async () => {
    if (!existsSync("dist/client/index.html")) throw new Error("build the client first: npm run build");
    [env.browser, env.server] = await Promise.all([launchChromium(), startServerProcess()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
