/**
 * Chromium-side measurement for the board and cold-load benchmarks: launching Debian's Chromium with
 * precise memory info, joining a workshop through its real first screen, timing the first render of N
 * notes from navigation start, sampling requestAnimationFrame deltas, JS heap and CDP CPU profiles.
 */
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { DESKTOP, launchChromium } from "../../tests/support/browser";
import type { CpuProfile } from "./cpuprofile";

export const NOTE_SELECTOR = '[data-testid="note"]';

export const launchBenchChromium = (): Promise<Browser> =>
  launchChromium([
    "--enable-precise-memory-info",
    // Frames must keep coming while nothing is focused.
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
  ]);

/**
 * Opens the link in a throwaway context, passes the name / privacy-notice screen (found by its labels,
 * whichever of "Continue" or "Agree and continue" it shows) and returns the context's storage, so later
 * contexts open the board directly, as a returning participant does.
 */
export async function joinOnce(
  browser: Browser,
  link: string,
  name = "Bench",
  options: { blockSync?: boolean } = {},
): Promise<Awaited<ReturnType<BrowserContext["storageState"]>>> {
  const context = await browser.newContext({ viewport: DESKTOP });
  // Without sync the server never loads (nor, on leaving, compacts) the rooms.
  if (options.blockSync) await context.routeWebSocket(/\/sync\//, (ws) => ws.close());
  try {
    const page = await context.newPage();
    await page.goto(link);
    const nameField = page.getByLabel(/your name|ชื่อ/i).first();
    const board = page.locator(".board__viewport").first();
    try {
      await Promise.any([nameField.waitFor({ timeout: 60_000 }), board.waitFor({ timeout: 60_000 })]);
    } catch (error) {
      await page.screenshot({ path: "bench/results/join-failure.png" }).catch(() => undefined);
      throw new Error(
        `neither the name screen nor the board showed (bench/results/join-failure.png): ${error}`,
      );
    }
    if (await nameField.isVisible().catch(() => false)) {
      await nameField.fill(name);
      await page
        .getByRole("button", { name: /continue|agree|join|ดำเนินการต่อ|ยอมรับ|เข้าร่วม/i })
        .first()
        .click();
    }
    await board.waitFor({ timeout: 60_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export interface FirstRender {
  /** navigation start → first note element in the DOM (ms). */
  firstNoteMs: number;
  /** navigation start → all N note elements in the DOM, at the start of the frame that paints them. */
  allNotesMs: number;
  /** … → the next frame began: the notes' style, layout and paint are done. */
  paintedMs: number;
}

/** Installed before any page script: polls the note count once per frame from navigation start. */
function firstRenderProbe(target: number): void {
  const w = window as unknown as { __bench: Record<string, number | null> };
  w.__bench = { firstNote: null, allNotes: null, painted: null };
  const tick = () => {
    const n = document.querySelectorAll('[data-testid="note"]').length;
    if (n > 0 && w.__bench.firstNote === null) w.__bench.firstNote = performance.now();
    // A large board mounts only the notes near the visible area: there "all notes" means the board
    // holds all N (its surface's data-notes-total) and has rendered the ones in view.
    const total = Number(document.querySelector("[data-notes-total]")?.getAttribute("data-notes-total") ?? 0);
    if (n >= target || (n > 0 && total >= target)) {
      w.__bench.allNotes = performance.now();
      requestAnimationFrame(() => {
        w.__bench.painted = performance.now();
      });
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export async function measureFirstRender(page: Page, link: string, count: number): Promise<FirstRender> {
  // tsx keeps function names by wrapping them in esbuild's `__name`, which pages lack: provide it.
  await page.addInitScript({ content: "window.__name = (fn) => fn;" });
  await page.addInitScript(firstRenderProbe, count);
  await page.goto(link);
  await page.waitForFunction(
    () => (window as unknown as { __bench?: { painted: number | null } }).__bench?.painted != null,
    undefined,
    { timeout: 120_000, polling: 100 },
  );
  const b = await page.evaluate(
    () =>
      (window as unknown as { __bench: { firstNote: number; allNotes: number; painted: number } }).__bench,
  );
  return { firstNoteMs: b.firstNote, allNotesMs: b.allNotes, paintedMs: b.painted };
}

// ---- frames ----

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean; __long: number[] };
    w.__frames = [];
    w.__long = [];
    w.__sampling = true;
    let last: number | undefined;
    const frame = (t: number) => {
      if (last !== undefined) w.__frames.push(t - last);
      last = t;
      if (w.__sampling) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

export async function stopFrames(page: Page): Promise<number[]> {
  // One more frame, so the work the last input caused is in the samples.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __sampling: boolean };
    w.__sampling = false;
    return w.__frames;
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A point on the bare board background (nothing else hit there), in viewport pixels, or null. */
export function findBackground(page: Page, band: { top: number; bottom: number }) {
  return page.evaluate((bandArg) => {
    const surface = document.querySelector(".board__surface");
    const viewport = document.querySelector(".board__viewport");
    if (!surface || !viewport) return null;
    const s = surface.getBoundingClientRect();
    const v = viewport.getBoundingClientRect();
    const zoom = s.width / 2400;
    const ys = [(bandArg.top + bandArg.bottom) / 2, bandArg.top + 20, bandArg.bottom - 20].map(
      (y) => s.top + y * zoom,
    );
    for (const y of ys) {
      for (let x = v.left + v.width / 2; x > v.left + 20; x -= 40) {
        if (y < v.top + 10 || y > v.bottom - 10) continue;
        if (document.elementFromPoint(x, y) === surface) return { x, y };
      }
    }
    return null;
  }, band);
}

/**
 * Pans by dragging the background horizontally (pointer capture keeps it panning over notes), back and
 * forth for `ms`, in 10 px mouse steps as a hand would.
 */
export async function panFor(page: Page, ms: number, band: { top: number; bottom: number }): Promise<number> {
  const until = Date.now() + ms;
  let direction = -1;
  let moves = 0;
  while (Date.now() < until) {
    const at = await findBackground(page, band);
    if (!at) throw new Error("no bare background to grab for panning");
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    for (let i = 1; i <= 50 && Date.now() < until; i++) {
      await page.mouse.move(at.x + direction * 10 * i, at.y);
      moves++;
    }
    await page.mouse.up();
    direction = -direction;
  }
  return moves;
}

/** Alternates "Zoom in" and "Zoom out" clicks for `ms` (the −/+ buttons of `.board-tools__zoom`). */
export async function zoomFor(page: Page, ms: number): Promise<number> {
  // A CSS query, not getByRole: an accessibility-tree query over 100,000 nodes takes ~0.6 s and would
  // land in the frame samples.
  const boxes = await page.evaluate(() => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>(".board-tools__zoom button")];
    const box = (b: HTMLButtonElement | undefined) => {
      const r = b?.getBoundingClientRect();
      return r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
    };
    return { zoomOut: box(buttons[0]), zoomIn: box(buttons.at(-1)) };
  });
  const a = boxes.zoomIn;
  const b = boxes.zoomOut;
  if (!a || !b) throw new Error("zoom buttons not found");
  const until = Date.now() + ms;
  let clicks = 0;
  while (Date.now() < until) {
    const box = clicks % 2 === 0 ? a : b;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    clicks++;
    // A person clicks a few times a second.
    await sleep(150);
  }
  if (clicks % 2 === 1) await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  return clicks;
}

/** Drags one visible note by its "Move note" handle in a loop for `ms`. */
export async function dragNoteFor(page: Page, ms: number): Promise<number> {
  const at = await page.evaluate(() => {
    const viewport = document.querySelector(".board__viewport")?.getBoundingClientRect();
    if (!viewport) return null;
    const handles = [
      ...document.querySelectorAll<HTMLElement>('[data-testid="note"] .note__handle'),
    ].reverse();
    for (const handle of handles) {
      const r = handle.getBoundingClientRect();
      const x = r.left + Math.min(12, r.width / 2);
      const y = r.top + r.height / 2;
      if (
        x < viewport.left + 200 ||
        x > viewport.right - 200 ||
        // The drag below goes up to 150 px sideways and 120 px down.
        y < viewport.top + 16 ||
        y > viewport.bottom - 130
      )
        continue;
      if (document.elementFromPoint(x, y)?.closest(".note__handle") === handle) return { x, y };
    }
    return null;
  });
  if (!at) {
    await page.screenshot({ path: "bench/results/drag-failure.png" }).catch(() => undefined);
    throw new Error('no visible "Move note" handle (bench/results/drag-failure.png)');
  }
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  const until = Date.now() + ms;
  let moves = 0;
  while (Date.now() < until) {
    const angle = moves / 15;
    await page.mouse.move(at.x + Math.sin(angle) * 150, at.y + (1 - Math.cos(angle)) * 60);
    moves++;
  }
  await page.mouse.up();
  return moves;
}

// ---- memory and profiles ----

export interface HeapSample {
  usedJSHeapSize: number;
  totalJSHeapSize: number;
  domNodes: number;
}

export async function heap(page: Page, cdp: CDPSession): Promise<HeapSample> {
  await cdp.send("HeapProfiler.collectGarbage").catch(() => undefined);
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const precise = await page.evaluate(() => {
    const m = (performance as unknown as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } })
      .memory;
    return m ? { used: m.usedJSHeapSize, total: m.totalJSHeapSize } : null;
  });
  return {
    usedJSHeapSize: precise?.used ?? metric("JSHeapUsedSize"),
    totalJSHeapSize: precise?.total ?? metric("JSHeapTotalSize"),
    domNodes: metric("Nodes"),
  };
}

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
}

export async function stopProfile(cdp: CDPSession): Promise<CpuProfile> {
  const { profile } = await cdp.send("Profiler.stop");
  return profile as unknown as CpuProfile;
}
