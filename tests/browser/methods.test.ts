import { describe, expect, it } from "vitest";
import { PHONE } from "../support/browser";
import { browserAndServer, createWorkshop, join, newDevice } from "./helpers";

const env = browserAndServer();

describe("methods for citizens", () => {
  it("a citizen on a phone adds to the empathy map and an HMW question; the facilitator pins it as focus", async () => {
    const { links } = await createWorkshop(env.server.url, "Clinic queue", "How might patients wait less?");
    const fac = await newDevice(env.browser);
    const citizen = await newDevice(env.browser, { viewport: PHONE });
    await join(fac, links.facilitator, "Somchai");
    await join(citizen, links.citizen, "Malee");

    await citizen.getByRole("button", { name: "Empathy map" }).click();
    await citizen.getByRole("textbox", { name: "Write a note for Feels" }).fill("กังวลว่าจะพลาดคิว");
    await citizen.getByRole("button", { name: "Add to Feels" }).click();
    const feels = fac.getByRole("region", { name: /^Feels/ });
    await fac.getByRole("button", { name: "Empathy map" }).click();
    await feels.getByText("กังวลว่าจะพลาดคิว").waitFor();
    // The same note is on the board, inside the Feels area.
    await fac.getByRole("button", { name: "Board" }).click();
    await fac.getByRole("article", { name: /กังวลว่าจะพลาดคิว/ }).waitFor();

    // Team-written records are read-only for citizens.
    await citizen.getByRole("button", { name: "Personas" }).click();
    await citizen.getByText("The team writes these; you can read along.").waitFor();
    expect(await citizen.getByRole("button", { name: "Add persona" }).count()).toBe(0);

    await citizen.getByRole("tab", { name: /Define/ }).click();
    await citizen.getByRole("button", { name: "How might we" }).click();
    await citizen.getByLabel("New question").fill("How might we tell patients their wait time?");
    await citizen.getByRole("button", { name: "Add question" }).click();

    await fac.getByRole("tab", { name: /Define/ }).click();
    await fac.getByRole("button", { name: "How might we" }).click();
    await fac.getByRole("button", { name: "Pin as focus" }).click();
    await citizen.getByRole("tab", { name: /Ideate/ }).click();
    const banner = citizen.getByRole("complementary", { name: "Focus question" });
    await expect.poll(() => banner.textContent()).toContain("How might we tell patients their wait time?");
    const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
