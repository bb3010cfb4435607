import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAndServer, createWorkshop, join, newDevice } from "./helpers";

const env = browserAndServer();

const cursorNames = (page: Page) => page.locator(".cursor .cursor__label").allTextContents();

async function hover(page: Page, dx: number, dy: number) {
  const box = await page.locator(".board__viewport").boundingBox();
  if (!box) throw new Error("board not visible");
  await page.mouse.move(box.x + dx, box.y + dy, { steps: 3 });
}

describe("presence across stages", () => {
  it("shows cursors only to people on the same stage, and everyone in the people list", async () => {
    const created = await createWorkshop(
      env.server.url,
      "Clinic queue redesign",
      "How might patients wait less?",
    );
    const [a, b, c] = await Promise.all([
      newDevice(env.browser),
      newDevice(env.browser),
      newDevice(env.browser),
    ]);
    await join(a, created.links.facilitator, "Somchai");
    await join(b, created.links.citizen, "Malee");
    await join(c, created.links.team, "Anan");
    // A and B stay on Empathize; C goes to Define.
    await c.getByRole("tab", { name: /Define/ }).click();

    await hover(a, 200, 150);
    await hover(c, 220, 160);
    // B (same stage as A) sees A's cursor, not C's.
    await expect.poll(() => cursorNames(b), { timeout: 3000 }).toEqual(["Somchai"]);
    // C sees no one's cursor: nobody else is on Define.
    await expect.poll(() => cursorNames(a), { timeout: 3000 }).toEqual([]);
    expect(await cursorNames(c)).toEqual([]);

    // Everyone's list shows all three, grouped by stage.
    for (const page of [a, b, c]) {
      const button = page.getByRole("button", { name: "3 people" });
      await expect.poll(() => button.count(), { timeout: 3000 }).toBe(1);
      await button.click();
      const panel = page.locator("#people-panel");
      await expect.poll(() => panel.getByRole("heading").textContent()).toBe("3 people here");
      const text = await panel.textContent();
      for (const name of ["Somchai", "Malee", "Anan"]) expect(text).toContain(name);
      expect(await panel.locator("summary").allTextContents()).toEqual(["Empathize2", "Define1"]);
    }

    // A leaves the board: the cursor goes away for B.
    await a.mouse.move(5, 5);
    await expect.poll(() => cursorNames(b), { timeout: 3000 }).toEqual([]);
    // C comes to Empathize and moves: now B sees C.
    await c.keyboard.press("Escape");
    await c.getByRole("tab", { name: /Empathize/ }).click();
    await hover(c, 260, 180);
    await expect.poll(() => cursorNames(b), { timeout: 3000 }).toEqual(["Anan"]);
  });
});
