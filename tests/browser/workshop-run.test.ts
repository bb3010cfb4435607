import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE } from "../support/browser";
import {
  addNote,
  browserAndServer,
  createWorkshop,
  join,
  moveEveryoneTo,
  newDevice,
  noteWith,
  rankings,
  startTimer,
  timerSeconds,
  voteFor,
} from "./helpers";

const env = browserAndServer();

const IDEAS = ["Fac idea", "Team idea", "Citizen idea"];
const cluster = (page: Page, name: string) => page.getByRole("region", { name: `Cluster: ${name}` });
const clusterCount = (page: Page, name: string) =>
  cluster(page, name).getByTestId("cluster-count").textContent();

/** Keyboard clustering: focus the note, pick the cluster in its "Move to cluster…" select. */
async function moveToCluster(page: Page, text: string, name: string) {
  await noteWith(page, text).focus();
  await noteWith(page, text)
    .getByRole("combobox", { name: "Move to cluster…" })
    .selectOption({ label: name });
}

// The acceptance run: a facilitator, a team member and a citizen through one Ideate session.
describe("a workshop run in three browsers", () => {
  it("ideates on a timer, clusters, votes, moderates and restores the history from before the clustering", async () => {
    const { links } = await createWorkshop(
      env.server.url,
      "Night buses",
      "How might late commuters feel safer?",
    );
    const fac = await newDevice(env.browser);
    const team = await newDevice(env.browser);
    const citizen = await newDevice(env.browser, { viewport: PHONE });
    const everyone = [fac, team, citizen];
    await join(fac, links.facilitator, "Somchai");
    await join(team, links.team, "Nok");
    await join(citizen, links.citizen, "Malee");

    // Everyone to Ideate (the stage change is also a history snapshot), and a one-minute timer.
    await moveEveryoneTo(fac, [team, citizen], "Ideate");
    await startTimer(fac, [team, citizen], 1);
    const shown = await Promise.all(everyone.map(timerSeconds));
    expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(1);
    expect(Math.min(...shown)).toBeGreaterThan(50);

    // Each adds an idea; everyone sees all three.
    await addNote(fac, "Fac idea");
    await addNote(team, "Team idea");
    await addNote(citizen, "Citizen idea");
    for (const page of everyone) for (const text of IDEAS) await noteWith(page, text).waitFor();

    // The team clusters them: a new named frame, then each note through the keyboard select.
    await team.getByRole("button", { name: "New cluster" }).click();
    const name = team.getByRole("textbox", { name: "Cluster name" });
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill("Safety");
    await name.press("Enter");
    for (const page of everyone) await cluster(page, "Safety").waitFor();
    for (const text of IDEAS) await moveToCluster(team, text, "Safety");
    for (const page of everyone) await expect.poll(() => clusterCount(page, "Safety")).toBe("3 notes");
    // The citizen sees the frame but gets no tools to reshape it.
    expect(await citizen.getByRole("button", { name: "New cluster" }).count()).toBe(0);
    // (Buttons on the citizen's own note, Edit and Delete in the phone's list, are not cluster tools.)
    expect(
      await cluster(citizen, "Safety")
        .getByRole("button", { name: /cluster|Ungroup/i })
        .count(),
    ).toBe(0);
    expect(await cluster(citizen, "Safety").getByRole("textbox", { name: "Cluster name" }).count()).toBe(0);

    // A 3-dot vote, then the reveal: every context shows the same ranking.
    await fac.getByLabel("Votes per person").fill("3");
    await fac.getByRole("button", { name: "Start a vote on Ideate" }).click();
    await citizen.getByTestId("votes-left").getByText("3 votes left").waitFor();
    await voteFor(citizen, "Citizen idea");
    await citizen.getByTestId("votes-left").getByText("2 votes left").waitFor();
    await voteFor(citizen, "Fac idea");
    await citizen.getByTestId("votes-left").getByText("1 vote left").waitFor();
    await voteFor(team, "Citizen idea");
    await team.getByTestId("votes-left").getByText("2 votes left").waitFor();
    await voteFor(fac, "Citizen idea");
    await fac.getByTestId("votes-left").getByText("2 votes left").waitFor();
    await voteFor(fac, "Team idea");
    await fac.getByText("3 people voted").waitFor();
    await fac.getByRole("button", { name: "Reveal results" }).click();
    const shownRankings = await rankings(everyone);
    expect(shownRankings[0]).toMatch(/^Citizen idea 3 votes/);
    expect(new Set(shownRankings).size).toBe(1);

    // The facilitator hides a note: the citizen cannot see it (the cluster counts only what is shown).
    await noteWith(fac, "Team idea").getByRole("button", { name: "Hide" }).click();
    await expect.poll(() => noteWith(citizen, "Team idea").count()).toBe(0);
    await expect.poll(() => clusterCount(citizen, "Safety")).toBe("2 notes");
    await noteWith(fac, "Team idea").getByText("Hidden").waitFor();

    // Restore the snapshot the move to Ideate took, from before the clustering: clusters are gone for all.
    await fac.locator("summary", { hasText: "History" }).click();
    const entry = fac.getByTestId("history-entry").filter({ hasText: "Stage change" });
    await expect.poll(() => entry.count()).toBe(1);
    await entry.getByRole("button", { name: "Restore…" }).click();
    await entry.getByRole("button", { name: "Restore this snapshot" }).click();
    await fac.getByText("Snapshot restored. Undo takes it back.").first().waitFor();
    for (const page of everyone) {
      await expect.poll(() => page.getByTestId("cluster").count()).toBe(0);
      // The snapshot predates the ideas too.
      await expect.poll(() => page.getByTestId("note").count()).toBe(0);
    }
  });
});
