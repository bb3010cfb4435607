import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addTimerTime,
  applyBallot,
  estimateOffset,
  formatRemaining,
  getHidden,
  getStageControl,
  getTimer,
  hideNote,
  isNoteVisible,
  isStageLockedFor,
  mayBrowseStages,
  type NoteId,
  pauseTimer,
  rankTally,
  resumeTimer,
  setNavigationLocked,
  setStageLocked,
  startTimer,
  stopTimer,
  timerRemaining,
  unhideNote,
} from "../../shared";

describe("stage control", () => {
  it("locks navigation and boards for everyone but facilitators", () => {
    const control = new Y.Doc();
    expect(getStageControl(control)).toEqual({ navigationLocked: false, lockedStages: [], summon: null });
    setNavigationLocked(control, true);
    setStageLocked(control, "ideate", true);
    const state = getStageControl(control);
    expect(mayBrowseStages("citizen", state)).toBe(false);
    expect(mayBrowseStages("facilitator", state)).toBe(true);
    expect(isStageLockedFor("team", "ideate", state.lockedStages)).toBe(true);
    expect(isStageLockedFor("facilitator", "ideate", state.lockedStages)).toBe(false);
    expect(isStageLockedFor("citizen", "define", state.lockedStages)).toBe(false);
    setStageLocked(control, "ideate", false);
    expect(getStageControl(control).lockedStages).toEqual([]);
  });
});

describe("timer math", () => {
  it("counts down in server time, pauses, resumes and adds a minute", () => {
    const control = new Y.Doc();
    startTimer(control, 60_000, 1_000_000);
    expect(timerRemaining(getTimer(control), 1_010_000)).toBe(50_000);
    pauseTimer(control, 1_020_000);
    expect(timerRemaining(getTimer(control), 9_999_999)).toBe(40_000);
    resumeTimer(control, 2_000_000);
    addTimerTime(control, 60_000, 2_000_000);
    expect(timerRemaining(getTimer(control), 2_000_000)).toBe(100_000);
    expect(timerRemaining(getTimer(control), 3_000_000)).toBe(0);
    stopTimer(control);
    expect(timerRemaining(getTimer(control), 0)).toBeNull();
    expect(formatRemaining(59_001)).toBe("1:00");
    expect(formatRemaining(0)).toBe("0:00");
  });

  it("two clients with skewed clocks show the same remaining second", () => {
    const timer = { status: "running" as const, endsAt: 1_060_000, remainingMs: 0, durationMs: 60_000 };
    const serverAt = 1_000_000;
    // Client A is 30 s ahead, B 12 s behind; each samples /api/time with different round trips.
    const offsetA = estimateOffset([
      { sentAt: serverAt + 30_000 - 200, receivedAt: serverAt + 30_000 + 400, serverNow: serverAt + 100 },
      { sentAt: serverAt + 30_000 - 20, receivedAt: serverAt + 30_000 + 20, serverNow: serverAt },
    ]);
    const offsetB = estimateOffset([
      { sentAt: serverAt - 12_000 - 30, receivedAt: serverAt - 12_000 + 30, serverNow: serverAt },
    ]);
    const shownA = formatRemaining(timerRemaining(timer, serverAt + 30_000 + offsetA) ?? 0);
    const shownB = formatRemaining(timerRemaining(timer, serverAt - 12_000 + offsetB) ?? 0);
    expect(shownA).toBe("1:00");
    expect(shownB).toBe(shownA);
  });
});

describe("moderation and ballots", () => {
  it("hides notes from everyone but facilitators", () => {
    const control = new Y.Doc();
    const id = "note-1" as NoteId;
    hideNote(control, id, "fac", 5);
    const hidden = getHidden(control);
    expect(hidden[id]).toEqual({ by: "fac", at: 5 });
    expect(isNoteVisible(hidden, id, "citizen")).toBe(false);
    expect(isNoteVisible(hidden, id, "team")).toBe(false);
    expect(isNoteVisible(hidden, id, "facilitator")).toBe(true);
    unhideNote(control, id);
    expect(isNoteVisible(getHidden(control), id, "citizen")).toBe(true);
  });

  it("applies budget and one-per-item rules, and ranks tallies", () => {
    const rules = { perPerson: 2, allowMultiple: false };
    const one = applyBallot({}, rules, "a", "add");
    expect(one).toEqual({ ok: true, ballot: { a: 1 } });
    expect(applyBallot({ a: 1 }, rules, "a", "add")).toEqual({ ok: false, error: "one_per_item" });
    expect(applyBallot({ a: 1, b: 1 }, rules, "c", "add")).toEqual({ ok: false, error: "no_votes_left" });
    expect(applyBallot({ a: 1 }, { ...rules, allowMultiple: true }, "a", "add")).toEqual({
      ok: true,
      ballot: { a: 2 },
    });
    expect(applyBallot({ a: 1 }, rules, "a", "remove")).toEqual({ ok: true, ballot: {} });
    expect(rankTally({ b: 2, a: 2, c: 5, d: 0 })).toEqual([
      { target: "c", count: 5 },
      { target: "a", count: 2 },
      { target: "b", count: 2 },
    ]);
  });
});
