import { describe, expect, it } from "vitest";
import { addNote, browserAndServer, createWorkshop, join, newDevice, noteWith } from "./helpers";

const env = browserAndServer();

describe("joining with a link, and replacing a link", () => {
  it("joins after the privacy notice, adds a note; a rotated link is refused, the new one works", async () => {
    const created = await createWorkshop(
      env.server.url,
      "Clinic queue redesign",
      "How might patients wait less?",
    );
    const facilitator = await newDevice(env.browser);
    await join(facilitator, created.links.facilitator, "Somchai");

    // The citizen sees the notice before anything else, and joins with a name.
    const citizen = await newDevice(env.browser);
    await citizen.goto(created.links.citizen);
    const notice = citizen.getByRole("region", { name: "Your privacy" });
    await expect.poll(() => notice.textContent()).toContain("No account, no email address");
    expect(await citizen.getByRole("tablist").count()).toBe(0);
    await citizen.getByRole("textbox", { name: "Your name" }).fill("Malee");
    await citizen.getByRole("button", { name: "Agree and continue" }).click();
    await citizen.getByRole("tablist").waitFor();
    const stored = await citizen.evaluate(
      (id) => JSON.parse(localStorage.getItem(`ruamkid:participant:${id}`) ?? "null"),
      created.id,
    );
    expect(stored).toMatchObject({ name: "Malee", role: "citizen" });
    expect(stored.participantId).toEqual(expect.any(String));

    await addNote(citizen, "Queue numbers by SMS");
    await noteWith(facilitator, "Queue numbers by SMS").waitFor({ timeout: 2000 });
    expect(await noteWith(facilitator, "Queue numbers by SMS").getAttribute("aria-label")).toContain("Malee");

    // A reload does not ask again: participant, name and acceptance are remembered on this device.
    await citizen.reload();
    await noteWith(citizen, "Queue numbers by SMS").waitFor();
    expect(await citizen.getByRole("region", { name: "Your privacy" }).count()).toBe(0);

    // The facilitator replaces the citizen link, after a confirm step.
    await facilitator.getByRole("button", { name: "Share" }).click();
    const linkBox = facilitator.getByRole("textbox", { name: "Citizen link" });
    const oldLink = await linkBox.inputValue();
    await facilitator.getByRole("button", { name: "Make a new Citizen link" }).click();
    await facilitator.getByRole("button", { name: "Make new link" }).click();
    await expect.poll(() => linkBox.inputValue()).not.toBe(oldLink);
    const newLink = await linkBox.inputValue();
    expect(newLink).toMatch(/#role=citizen&token=/);

    // The citizen's live connection is closed: the board gives way to the error page.
    await citizen.getByRole("heading", { name: "This link is not valid" }).waitFor({ timeout: 5000 });
    expect(await citizen.getByRole("tablist").count()).toBe(0);

    // The old link, on a new device: refused before any board shows.
    const stranger = await newDevice(env.browser);
    await stranger.goto(oldLink);
    await stranger.getByRole("heading", { name: "This link is not valid" }).waitFor();
    expect(await stranger.getByRole("tablist").count()).toBe(0);
    expect(await stranger.getByRole("textbox", { name: "Your name" }).count()).toBe(0);

    // The new link works for a new device...
    await join(stranger, newLink, "Anan");
    await noteWith(stranger, "Queue numbers by SMS").waitFor();
    // ...and for the citizen: replacing the link revoked their participant, so they join again, with
    // the name and the acceptance remembered on this device.
    await citizen.goto(newLink);
    await expect.poll(() => citizen.getByRole("textbox", { name: "Your name" }).inputValue()).toBe("Malee");
    await citizen.getByRole("button", { name: "Continue", exact: true }).click();
    await noteWith(citizen, "Queue numbers by SMS").waitFor();
    await addNote(citizen, "Pharmacy queue is longer");
    await noteWith(facilitator, "Pharmacy queue is longer").waitFor({ timeout: 2000 });
    // The facilitator is still connected throughout.
    expect(await facilitator.getByRole("tablist").count()).toBe(1);
  });

  it("a facilitator who replaces their own link stays in, on the new link", async () => {
    const created = await createWorkshop(env.server.url, "Own link", "Rotate the facilitator link");
    const facilitator = await newDevice(env.browser);
    await join(facilitator, created.links.facilitator, "Somchai");
    await facilitator.getByRole("button", { name: "Share" }).click();
    await facilitator.getByRole("button", { name: "Make a new Facilitator link" }).click();
    await facilitator.getByRole("button", { name: "Make new link" }).click();
    const linkBox = facilitator.getByRole("textbox", { name: "Facilitator link" });
    await expect.poll(() => linkBox.inputValue()).not.toBe(created.links.facilitator);
    const newLink = await linkBox.inputValue();
    // The address bar carries the new link; the board stays, back online, and still writable.
    await expect.poll(() => facilitator.evaluate(() => window.location.hash)).toBe(new URL(newLink).hash);
    await expect.poll(() => facilitator.locator(".connection--online").count(), { timeout: 5000 }).toBe(1);
    expect(await facilitator.getByRole("heading", { name: "This link is not valid" }).count()).toBe(0);
    await addNote(facilitator, "Still here");
    const observer = await newDevice(env.browser);
    await join(observer, created.links.observer, "Watcher");
    await noteWith(observer, "Still here").waitFor({ timeout: 2000 });
    // The old facilitator link is refused.
    const stranger = await newDevice(env.browser);
    await stranger.goto(created.links.facilitator);
    await stranger.getByRole("heading", { name: "This link is not valid" }).waitFor();
  });
});
