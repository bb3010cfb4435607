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
  voteFor as vote,
} from "./helpers";

const env = browserAndServer();

describe("facilitation toolkit in three browsers", () => {
  it("follows stages, shares a timer, runs a secret dot vote, reveals and hides", async () => {
    const { links } = await createWorkshop(env.server.url, "Bus stops", "How might waiting be safer?");
    const fac = await newDevice(env.browser);
    const team = await newDevice(env.browser);
    // The citizen's phone clock runs 45 s fast: the timer must still agree.
    const citizen = await newDevice(env.browser, { viewport: PHONE });
    await citizen.addInitScript(() => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + 45_000;
    });
    await join(fac, links.facilitator, "Somchai");
    await join(team, links.team, "Nok");
    await join(citizen, links.citizen, "Malee");

    // Move everyone to Ideate: the citizen's view follows, with a polite notice.
    await moveEveryoneTo(fac, [citizen, team], "Ideate");
    // The visible notice; the same words also go to the screen-reader live region.
    await citizen
      .locator(".facilitation__notice", { hasText: "The facilitator moved everyone to Ideate" })
      .waitFor();

    // A one-minute timer shows the same remaining second everywhere (±1 s).
    await startTimer(fac, [team, citizen], 1);
    const shown = await Promise.all([fac, team, citizen].map(timerSeconds));
    expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(1);
    expect(Math.min(...shown)).toBeGreaterThan(50);

    await addNote(fac, "Fac idea");
    await addNote(team, "Team idea");
    await addNote(citizen, "Citizen idea");
    for (const page of [fac, team, citizen])
      for (const text of ["Fac idea", "Team idea", "Citizen idea"]) await noteWith(page, text).waitFor();

    // A 3-dot vote, one dot per note.
    await fac.getByLabel("Votes per person").fill("3");
    await fac.getByRole("button", { name: "Start a vote on Ideate" }).click();
    await citizen.getByTestId("votes-left").getByText("3 votes left").waitFor();
    await vote(citizen, "Citizen idea");
    await citizen.getByTestId("votes-left").getByText("2 votes left").waitFor();
    await vote(citizen, "Fac idea");
    await citizen.getByTestId("votes-left").getByText("1 vote left").waitFor();
    // One dot per note: the citizen's second dot on the same note is not offered.
    await expect
      .poll(() =>
        noteWith(citizen, "Citizen idea").getByRole("button", { name: "Vote for this note" }).isDisabled(),
      )
      .toBe(true);
    await vote(team, "Citizen idea");
    await team.getByTestId("votes-left").getByText("2 votes left").waitFor();
    await vote(fac, "Citizen idea");
    await fac.getByTestId("votes-left").getByText("2 votes left").waitFor();
    await vote(fac, "Team idea");
    await fac.getByText("3 people voted").waitFor();
    // Secret until revealed: nobody sees counts yet.
    expect(await citizen.getByTestId("ranking").count()).toBe(0);

    await fac.getByRole("button", { name: "Reveal results" }).click();
    const shownRankings = await rankings([fac, team, citizen]);
    expect(shownRankings[0]).toMatch(/^Citizen idea 3 votes/);
    expect(new Set(shownRankings).size).toBe(1);

    // The facilitator hides a note: gone for the citizen, dimmed with a badge for the facilitator.
    await noteWith(fac, "Team idea").getByRole("button", { name: "Hide" }).click();
    await expect.poll(() => noteWith(citizen, "Team idea").count()).toBe(0);
    await expect.poll(() => noteWith(team, "Team idea").count()).toBe(0);
    await noteWith(fac, "Team idea").getByText("Hidden").waitFor();

    // The phone shows it all without horizontal scrolling.
    const overflow = await citizen.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
