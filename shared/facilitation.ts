import { nanoid } from "nanoid";
import type * as Y from "yjs";
import { z } from "zod";
import type { NoteId } from "./ids";
import { LOCAL_ORIGIN } from "./origin";
import type { Role } from "./protocol";
import { CONTROL_KEYS, STAGES, type StageId } from "./schema";

/**
 * Facilitation toolkit on the control document (facilitator-written; the server adds vote progress and
 * revealed results): stage following and locks, "bring everyone here", the shared timer, dot voting and
 * moderation (hidden notes). Schema keys, model API, validators and pure rules live here together.
 */

/** Extra field of the control document's `meta` map. */
export const FACILITATION_META_KEYS = { navigationLocked: "navigationLocked" } as const;

/** Top-level types of the control document added by the facilitation toolkit. */
export const FACILITATION_KEYS = {
  /** Y.Map stage → true: boards read-only for all but facilitators. */
  lockedStages: "lockedStages",
  /** Y.Map with the `TimerState` fields. */
  timer: "timer",
  /** Y.Map with the `Summon` fields ("bring everyone here"). */
  summon: "summon",
  /** Y.Map with the `Vote` fields (the current vote). */
  vote: "vote",
  /** Y.Map voteId → `VoteResult` (plain object), written by the server at reveal. */
  voteResults: "voteResults",
  /** Y.Map noteId → `{ by, at }` (plain object). */
  hidden: "hidden",
} as const;

export const VOTE_LIMITS = { maxPerPerson: 20 } as const;

/** Origin of the server's own transactions (vote progress, results). */
export const SERVER_ORIGIN: unique symbol = Symbol("ruamkid-server");

const write = (doc: Y.Doc, fn: () => void) => doc.transact(fn, LOCAL_ORIGIN);
const map = (doc: Y.Doc, key: string) => doc.getMap<unknown>(key);

// ---- validators ----

const finite = (fallback: number) => z.number().finite().catch(fallback);
const stage = z.enum(STAGES);

const timerSchema = z.object({
  status: z.enum(["running", "paused", "stopped"]).catch("stopped"),
  /** Server time (ms) at which a running timer reaches zero. */
  endsAt: finite(0),
  /** What is left while paused (ms). */
  remainingMs: finite(0),
  durationMs: finite(0),
});
export type TimerState = z.infer<typeof timerSchema>;
const STOPPED: TimerState = { status: "stopped", endsAt: 0, remainingMs: 0, durationMs: 0 };

const summonSchema = z.object({
  stage,
  x: finite(0),
  y: finite(0),
  zoom: z.number().finite().min(0.5).max(2).catch(1),
  at: z.number().finite(),
});
export type Summon = z.infer<typeof summonSchema>;

const voteSchema = z.object({
  id: z.string().min(1).max(64),
  stage,
  perPerson: z.number().int().min(1).max(VOTE_LIMITS.maxPerPerson),
  allowMultiple: z.boolean().catch(false),
  status: z.enum(["open", "revealed", "closed"]).catch("closed"),
  startedAt: finite(0),
  /** How many people have cast at least one vote (the server publishes it). */
  voters: z.number().int().min(0).catch(0),
});
export type Vote = z.infer<typeof voteSchema>;
export type VoteStatus = Vote["status"];

const rankingSchema = z.array(z.object({ target: z.string(), count: z.number().int().min(0) }));
const voteResultSchema = z.object({
  voteId: z.string(),
  stage,
  perPerson: finite(0),
  allowMultiple: z.boolean().catch(false),
  voters: finite(0),
  revealedAt: finite(0),
  /** Most votes first; ties by target id. */
  ranking: rankingSchema.catch([]),
});
export type VoteResult = z.infer<typeof voteResultSchema>;
export type Ranking = VoteResult["ranking"];

const hiddenSchema = z.object({ by: z.string().catch(""), at: finite(0) });
export type HiddenMark = z.infer<typeof hiddenSchema>;

export interface StageControl {
  navigationLocked: boolean;
  lockedStages: StageId[];
  summon: Summon | null;
}

// ---- readers ----

export function getStageControl(control: Y.Doc): StageControl {
  const meta = map(control, CONTROL_KEYS.meta);
  const locked = map(control, FACILITATION_KEYS.lockedStages);
  const summon = summonSchema.safeParse(map(control, FACILITATION_KEYS.summon).toJSON());
  return {
    navigationLocked: meta.get(FACILITATION_META_KEYS.navigationLocked) === true,
    lockedStages: STAGES.filter((s) => locked.get(s) === true),
    summon: summon.success ? summon.data : null,
  };
}

export const getLockedStages = (control: Y.Doc): Set<StageId> =>
  new Set(getStageControl(control).lockedStages);

export function getTimer(control: Y.Doc): TimerState {
  const parsed = timerSchema.safeParse(map(control, FACILITATION_KEYS.timer).toJSON());
  return parsed.success ? parsed.data : STOPPED;
}

export function getVote(control: Y.Doc): Vote | null {
  const parsed = voteSchema.safeParse(map(control, FACILITATION_KEYS.vote).toJSON());
  return parsed.success ? parsed.data : null;
}

/** Revealed results, most recent first. */
export function getVoteResults(control: Y.Doc): VoteResult[] {
  const out: VoteResult[] = [];
  for (const [key, value] of map(control, FACILITATION_KEYS.voteResults).entries()) {
    const parsed = voteResultSchema.safeParse(value);
    if (parsed.success && parsed.data.voteId === key) out.push(parsed.data);
  }
  return out.sort((a, b) => b.revealedAt - a.revealedAt);
}

export function getHidden(control: Y.Doc): Record<string, HiddenMark> {
  const out: Record<string, HiddenMark> = {};
  for (const [key, value] of map(control, FACILITATION_KEYS.hidden).entries()) {
    const parsed = hiddenSchema.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

// ---- pure rules ----

/** Milliseconds left at server time `serverNow`; null when no timer runs or is paused. */
export function timerRemaining(timer: TimerState, serverNow: number): number | null {
  if (timer.status === "running") return Math.max(0, timer.endsAt - serverNow);
  if (timer.status === "paused") return Math.max(0, timer.remainingMs);
  return null;
}

/** "m:ss", rounding up: a timer shows 0:00 only when it has really run out. */
export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * NTP-style clock offset (server − client, ms) from samples of `GET /api/time`: the sample with the
 * smallest round trip is the least disturbed; the server's clock is read about halfway through it.
 */
export function estimateOffset(samples: { sentAt: number; receivedAt: number; serverNow: number }[]): number {
  let best: (typeof samples)[number] | null = null;
  for (const s of samples) if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  return best ? best.serverNow - (best.sentAt + best.receivedAt) / 2 : 0;
}

/** Facilitators see hidden notes (dimmed); everyone else does not. */
export const isNoteVisible = (hidden: Record<string, HiddenMark>, noteId: string, role: Role): boolean =>
  role === "facilitator" || !(noteId in hidden);

/** May this role look at a stage other than the current one? */
export const mayBrowseStages = (role: Role, control: Pick<StageControl, "navigationLocked">): boolean =>
  role === "facilitator" || !control.navigationLocked;

/** Is this stage's board read-only for this role because the facilitator locked it? */
export const isStageLockedFor = (role: Role, stageId: StageId, locked: readonly StageId[]): boolean =>
  role !== "facilitator" && locked.includes(stageId);

/** Ranks a tally: most votes first, ties by target id; targets without votes are left out. */
export function rankTally(counts: Record<string, number>): Ranking {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([target, count]) => ({ target, count }))
    .sort((a, b) => b.count - a.count || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

export type BallotAction = "add" | "remove";
export type BallotVerdict =
  | { ok: true; ballot: Record<string, number> }
  | { ok: false; error: "no_votes_left" | "one_per_item" };

/** Applies one add/remove to a participant's ballot under the vote's rules (budget, one per item). */
export function applyBallot(
  ballot: Record<string, number>,
  vote: Pick<Vote, "perPerson" | "allowMultiple">,
  target: string,
  action: BallotAction,
): BallotVerdict {
  const next = { ...ballot };
  const current = next[target] ?? 0;
  if (action === "remove") {
    if (current <= 1) delete next[target];
    else next[target] = current - 1;
    return { ok: true, ballot: next };
  }
  if (ballotTotal(ballot) >= vote.perPerson) return { ok: false, error: "no_votes_left" };
  if (!vote.allowMultiple && current >= 1) return { ok: false, error: "one_per_item" };
  next[target] = current + 1;
  return { ok: true, ballot: next };
}

export const ballotTotal = (ballot: Record<string, number>): number =>
  Object.values(ballot).reduce((sum, n) => sum + n, 0);

// ---- writers (facilitator) ----

export function setNavigationLocked(control: Y.Doc, locked: boolean): void {
  write(control, () => map(control, CONTROL_KEYS.meta).set(FACILITATION_META_KEYS.navigationLocked, locked));
}

export function setStageLocked(control: Y.Doc, stageId: StageId, locked: boolean): void {
  write(control, () => {
    const locks = map(control, FACILITATION_KEYS.lockedStages);
    if (locked) locks.set(stageId, true);
    else locks.delete(stageId);
  });
}

/** "Bring everyone here": each client applies a summon once per new `at`. */
export function summonEveryone(control: Y.Doc, to: Summon): void {
  write(control, () => {
    const m = map(control, FACILITATION_KEYS.summon);
    m.set("stage", to.stage);
    m.set("x", Math.max(0, Math.round(to.x)));
    m.set("y", Math.max(0, Math.round(to.y)));
    m.set("zoom", to.zoom);
    m.set("at", to.at);
  });
}

function setTimer(control: Y.Doc, timer: TimerState): void {
  write(control, () => {
    const m = map(control, FACILITATION_KEYS.timer);
    for (const [key, value] of Object.entries(timer)) m.set(key, value);
  });
}

/** Times are server times (the client's clock corrected by its estimated offset). */
export function startTimer(control: Y.Doc, durationMs: number, serverNow: number): void {
  setTimer(control, {
    status: "running",
    endsAt: serverNow + durationMs,
    remainingMs: durationMs,
    durationMs,
  });
}

export function pauseTimer(control: Y.Doc, serverNow: number): void {
  const timer = getTimer(control);
  if (timer.status !== "running") return;
  setTimer(control, { ...timer, status: "paused", remainingMs: Math.max(0, timer.endsAt - serverNow) });
}

export function resumeTimer(control: Y.Doc, serverNow: number): void {
  const timer = getTimer(control);
  if (timer.status !== "paused") return;
  setTimer(control, { ...timer, status: "running", endsAt: serverNow + timer.remainingMs });
}

export function addTimerTime(control: Y.Doc, ms: number, serverNow: number): void {
  const timer = getTimer(control);
  if (timer.status === "running")
    setTimer(control, {
      ...timer,
      endsAt: Math.max(timer.endsAt, serverNow) + ms,
      durationMs: timer.durationMs + ms,
    });
  else if (timer.status === "paused")
    setTimer(control, { ...timer, remainingMs: timer.remainingMs + ms, durationMs: timer.durationMs + ms });
}

export const stopTimer = (control: Y.Doc): void => setTimer(control, STOPPED);

export function startVote(
  control: Y.Doc,
  input: { stage: StageId; perPerson: number; allowMultiple: boolean; id?: string; now?: number },
): string {
  const id = input.id ?? nanoid(10);
  const perPerson = Math.min(VOTE_LIMITS.maxPerPerson, Math.max(1, Math.round(input.perPerson)));
  write(control, () => {
    const m = map(control, FACILITATION_KEYS.vote);
    m.set("id", id);
    m.set("stage", input.stage);
    m.set("perPerson", perPerson);
    m.set("allowMultiple", input.allowMultiple);
    m.set("status", "open");
    m.set("startedAt", input.now ?? Date.now());
    m.set("voters", 0);
  });
  return id;
}

/** Ends the current vote; revealed results stay in `voteResults`. */
export function closeVote(control: Y.Doc): void {
  if (!getVote(control)) return;
  write(control, () => map(control, FACILITATION_KEYS.vote).set("status", "closed"));
}

export function hideNote(control: Y.Doc, noteId: NoteId, by: string, at = Date.now()): void {
  write(control, () => map(control, FACILITATION_KEYS.hidden).set(noteId, { by, at }));
}

export function unhideNote(control: Y.Doc, noteId: NoteId): void {
  write(control, () => map(control, FACILITATION_KEYS.hidden).delete(noteId));
}

// ---- writers (server, inside `rooms.change`) ----

/** Live progress: the number of people who have voted (never who, never for what). */
export function publishVoters(control: Y.Doc, voteId: string, voters: number): void {
  const m = map(control, FACILITATION_KEYS.vote);
  if (m.get("id") === voteId && m.get("voters") !== voters) m.set("voters", voters);
}

/** Writes the ranking into the history and marks the vote revealed. */
export function revealVote(control: Y.Doc, result: VoteResult): void {
  const m = map(control, FACILITATION_KEYS.vote);
  map(control, FACILITATION_KEYS.voteResults).set(result.voteId, result);
  if (m.get("id") === result.voteId) {
    m.set("status", "revealed");
    m.set("voters", result.voters);
  }
}

// ---- REST ----

/** `GET /api/time`: the server's clock, for the NTP-style offset estimate. */
export interface TimeResponse {
  now: number;
}

/** Header carrying the participant token on ballot requests (identity comes only from it). */
export const PARTICIPANT_HEADER = "x-participant-token";

/** `POST /api/workshops/:id/votes/:voteId` body. */
export interface BallotRequest {
  target: string;
  action: BallotAction;
}

/** Answer of `GET`/`POST /api/workshops/:id/votes/:voteId`: only the caller's own ballot. */
export interface BallotResponse {
  voteId: string;
  status: VoteStatus;
  mine: Record<string, number>;
  remaining: number;
}

/** `POST /api/workshops/:id/votes/:voteId/reveal` (facilitator). */
export interface RevealResponse {
  result: VoteResult;
}
