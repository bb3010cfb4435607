import { describe, expect, it } from "vitest";
import { PHONE } from "../support/browser";
import { browserAndServer, createWorkshop, join, newDevice, noteWith } from "./helpers";

const env = browserAndServer();

describe("phones", () => {
  it("a citizen on a phone writes from the list view; the facilitator's canvas shows the note", async () => {
    const { links } = await createWorkshop(env.server.url, "Clinic queue", "How might patients wait less?");
    const fac = await newDevice(env.browser);
    const citizen = await newDevice(env.browser, { viewport: PHONE });
    await join(fac, links.facilitator, "Somchai");
    await join(citizen, links.citizen, "Malee");

    // The phone opens the list; the desktop keeps the canvas and gets no toggle.
    await citizen.getByRole("button", { name: "List", exact: true, pressed: true }).waitFor();
    expect(await fac.getByRole("button", { name: "List", exact: true }).count()).toBe(0);

    const box = citizen.getByRole("textbox", { name: "Add a note" });
    await box.click();
    await citizen.getByRole("combobox", { name: "Area" }).selectOption({ label: "Feels" });
    await box.fill("Worried about missing my turn");
    await box.press("Enter");
    await citizen
      .getByRole("region", { name: /^Feels/ })
      .getByRole("article", { name: /Worried about missing my turn/ })
      .waitFor();
    // Ready for the next note.
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.inputValue()).toBe("");

    // On the facilitator's canvas, inside the Feels area of the empathy map.
    const card = noteWith(fac, "Worried about missing my turn");
    await card.waitFor({ timeout: 5000 });
    const area = fac.locator(".board-area.empathy-area--feels");
    const [c, a] = await Promise.all([card.boundingBox(), area.boundingBox()]);
    if (!c || !a) throw new Error("not laid out");
    expect(c.x).toBeGreaterThanOrEqual(a.x);
    expect(c.y).toBeGreaterThanOrEqual(a.y);
    expect(c.x + c.width).toBeLessThanOrEqual(a.x + a.width);

    const overflow = await citizen.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // The canvas is still one tap away on the phone.
    await citizen.getByRole("button", { name: "Canvas", exact: true }).click();
    await citizen.getByRole("region", { name: "Empathize board" }).waitFor();
    await noteWith(citizen, "Worried about missing my turn").waitFor();
  });

  it("scrolls the page past the stage's header, keeping the tabs and the note form in reach and each new note in view", async () => {
    const { links } = await createWorkshop(env.server.url, "Clinic queue", "How might patients wait less?");
    const citizen = await newDevice(env.browser, { viewport: PHONE });
    await join(citizen, links.citizen, "Malee");
    const box = citizen.getByRole("textbox", { name: "Add a note" });
    const tabs = citizen.getByRole("tablist");
    const prompt = citizen.getByText("What do people experience, feel and need?", { exact: false });
    const inView = async (locator: typeof box) => {
      const r = await locator.boundingBox();
      return !!r && r.y >= 0 && r.y + r.height <= PHONE.height;
    };

    for (let i = 1; i <= 12; i++) {
      await box.fill(`Observation number ${i}, written on the bus`);
      await box.press("Enter");
      const added = citizen.getByRole("article", { name: new RegExp(`Observation number ${i},`) });
      await added.waitFor();
      // The note just written shows below the form, not hidden under it or the switch.
      await expect.poll(() => inView(added)).toBe(true);
      const [note, form] = await Promise.all([added.boundingBox(), box.boundingBox()]);
      expect(note?.y ?? 0).toBeGreaterThan((form?.y ?? 0) + (form?.height ?? 0));
    }

    // Twelve notes run past the screen: the page scrolls, the header and the prompt go, the tabs and
    // the form stay.
    await citizen.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => citizen.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    expect(await inView(prompt)).toBe(false);
    const [bar, form] = await Promise.all([tabs.boundingBox(), box.boundingBox()]);
    expect(bar?.y).toBe(0);
    expect(await inView(box)).toBe(true);
    expect(form?.y ?? 0).toBeGreaterThanOrEqual((bar?.y ?? 0) + (bar?.height ?? 0) - 1);
    await citizen.getByRole("tab", { name: /Define/ }).click();
    await citizen.getByRole("tab", { name: /Define/, selected: true }).waitFor();
  });
});
