import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PHONE } from "../support/browser";
import { addNote, browserAndServer, createWorkshop, join, newDevice, noteWith } from "./helpers";

const env = browserAndServer();

// The acceptance run: publish, read and download without a token, unpublish, gone.
describe("publishing a workshop", () => {
  it("publishes a public page with open data, and unpublishing takes it down", async () => {
    const title = "Safer bus stops";
    const noteText = "The stop light is broken at night";
    const { id, links } = await createWorkshop(env.server.url, title, "How might late commuters feel safer?");
    const fac = await newDevice(env.browser);
    await join(fac, links.facilitator, "Somchai Facilitator");
    await addNote(fac, noteText);
    await noteWith(fac, noteText).waitFor();

    // Publish, after the confirm that says what becomes public.
    await fac.getByRole("button", { name: "Publish…" }).click();
    const dialog = fac.getByRole("dialog", { name: "Publish this workshop?" });
    await expect.poll(() => dialog.textContent()).toContain("hidden notes");
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    const publicLink = fac.getByRole("link", { name: "Public page" });
    await publicLink.waitFor();
    expect(await publicLink.getAttribute("href")).toBe(`/p/${id}`);

    // A fresh device (no token, no storage) on a phone reads the public page.
    const visitor = await newDevice(env.browser, { viewport: PHONE });
    await visitor.goto(`${env.server.url}/p/${id}`);
    await visitor.getByRole("heading", { level: 1, name: title }).waitFor();
    await visitor.getByText(noteText).waitFor();
    const pageText = (await visitor.locator("main").textContent()) ?? "";
    expect(pageText).not.toContain("Somchai");
    expect(pageText).toContain("Participant 1");

    // Download the open data by clicking the link.
    const [download] = await Promise.all([
      visitor.waitForEvent("download"),
      visitor.getByRole("link", { name: "Open data (JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const raw = readFileSync((await download.path()) as string, "utf8");
    const data = JSON.parse(raw) as { schema: string; notes: { text: string; author: string | null }[] };
    expect(data.schema).toBe("ruamkid.workshop/2");
    expect(data.notes.map((n) => n.text)).toContain(noteText);
    expect(raw).not.toContain("Somchai");
    for (const link of Object.values(links)) expect(raw).not.toContain(new URL(link).hash.slice(1));

    // The open list shows it.
    const lister = await newDevice(env.browser);
    await lister.goto(`${env.server.url}/open`);
    await lister.getByRole("link", { name: title }).waitFor();

    // Unpublish: the page and the downloads are gone at once.
    await fac.getByRole("button", { name: "Unpublish" }).click();
    await fac.getByRole("button", { name: "Publish…" }).waitFor();
    await visitor.reload();
    await visitor.getByRole("heading", { level: 1, name: "This page is not public" }).waitFor();
    expect(await visitor.getByText(noteText).count()).toBe(0);
    expect((await fetch(`${env.server.url}/api/public/workshops/${id}/export.json`)).status).toBe(404);
    await lister.reload();
    await lister.getByText("No workshop has been published yet.").waitFor();

    for (const page of [fac, visitor, lister]) await page.context().close();
  });
});
