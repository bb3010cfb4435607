import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  addNote,
  contentRoom,
  controlRoom,
  getNotes,
  getVote,
  getVoteResults,
  type NoteId,
  PARTICIPANT_HEADER,
  setStageLocked,
  startVote,
} from "../../shared";
import {
  captureLogger,
  cleanup,
  createWorkshop,
  eventually,
  joinWithRooms,
  joinWorkshop,
  startTestServer,
  syncedProvider,
} from "./helpers";

afterEach(cleanup);

async function setup(logger = captureLogger()) {
  const server = await startTestServer({ logger });
  const w = await createWorkshop(server.url);
  const fac = await joinWithRooms(server.url, w.id, w.tokens.facilitator, "Fac");
  const { control, content } = fac;
  const author = { id: fac.participantId, name: "Fac" };
  const notes = ["a", "b", "c"].map((text) =>
    addNote(content.doc, { stage: "ideate", text, author, id: `note-${text}` as NoteId }),
  );
  const serverContent = () => server.rooms.peekDoc(contentRoom(w.id));
  await eventually(() => expect(getNotes(serverContent() as Y.Doc)).toHaveLength(3));
  return { server, w, fac, control, content, notes, logger };
}

const ballot = (
  url: string,
  id: string,
  voteId: string,
  token: string,
  participant: string | null,
  body?: unknown,
) =>
  fetch(`${url}/api/workshops/${id}/votes/${voteId}`, {
    method: body ? "POST" : "GET",
    headers: {
      authorization: `Bearer ${token}`,
      ...(participant ? { [PARTICIPANT_HEADER]: participant } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

async function openVote(s: Awaited<ReturnType<typeof setup>>, perPerson: number, allowMultiple: boolean) {
  const voteId = startVote(s.control.doc, { stage: "ideate", perPerson, allowMultiple });
  await eventually(() =>
    expect(getVote(s.server.rooms.peekDoc(controlRoom(s.w.id)) as Y.Doc)?.id).toBe(voteId),
  );
  return voteId;
}

describe("GET /api/time", () => {
  it("answers the server clock", async () => {
    const server = await startTestServer();
    const before = Date.now();
    const body = (await (await fetch(`${server.url}/api/time`)).json()) as { now: number };
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(Date.now());
  });
});

describe("dot voting (secret ballot)", () => {
  it("enforces the budget, one per item, identity and roles; hides tallies until reveal", async () => {
    const s = await setup();
    const { url } = s.server;
    const citizen = await joinWorkshop(url, s.w.id, s.w.tokens.citizen, "Malee");
    const other = await joinWorkshop(url, s.w.id, s.w.tokens.citizen, "Somsak");
    const [a, b, c] = s.notes as [NoteId, NoteId, NoteId];
    const voteId = await openVote(s, 2, false);
    const vote = (p: string | null, target: string, action = "add", token = s.w.tokens.citizen) =>
      ballot(url, s.w.id, voteId, token, p, { target, action });

    let res = await vote(citizen.participantToken, a);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mine: { [a]: 1 }, remaining: 1, status: "open" });
    // allowMultiple false: a second dot on the same note is refused.
    res = await vote(citizen.participantToken, a);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe("one_per_item");
    expect((await vote(citizen.participantToken, b)).status).toBe(200);
    // Budget of 2 used up.
    res = await vote(citizen.participantToken, c);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe("no_votes_left");
    // Removing gives a dot back.
    res = await vote(citizen.participantToken, b, "remove");
    expect(await res.json()).toMatchObject({ mine: { [a]: 1 }, remaining: 1 });

    // No participant token, someone else's token with the wrong role link, observers: refused.
    expect((await vote(null, a)).status).toBe(401);
    expect((await vote(citizen.participantToken, a, "add", s.w.tokens.team)).status).toBe(401);
    const observer = await joinWorkshop(url, s.w.id, s.w.tokens.observer, "Obs");
    expect((await vote(observer.participantToken, a, "add", s.w.tokens.observer)).status).toBe(403);
    // A target that is not a note of the vote's stage.
    expect((await vote(other.participantToken, "nope")).status).toBe(422);
    expect((await vote(other.participantToken, c)).status).toBe(200);

    // Another participant sees only their own ballot; the control document has no tally before reveal.
    const theirs = await (
      await ballot(url, s.w.id, voteId, s.w.tokens.citizen, other.participantToken)
    ).json();
    expect(theirs).toMatchObject({ mine: { [c]: 1 }, remaining: 1 });
    const serverControl = s.server.rooms.peekDoc(controlRoom(s.w.id)) as Y.Doc;
    expect(getVoteResults(serverControl)).toEqual([]);
    expect(JSON.stringify(serverControl.toJSON())).not.toContain(a);
    await eventually(() => expect(getVote(s.control.doc)?.voters).toBe(2));

    // Only the facilitator reveals; the ranking reaches every client through the control document.
    const reveal = (token: string) =>
      fetch(`${url}/api/workshops/${s.w.id}/votes/${voteId}/reveal`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await reveal(s.w.tokens.citizen)).status).toBe(403);
    expect((await reveal(s.w.tokens.facilitator)).status).toBe(200);
    const watcher = await syncedProvider(url, controlRoom(s.w.id), s.w.tokens.citizen);
    await eventually(() =>
      expect(getVoteResults(watcher.doc)[0]?.ranking).toEqual([
        { target: a, count: 1 },
        { target: c, count: 1 },
      ]),
    );
    expect(getVote(watcher.doc)?.status).toBe("revealed");
    // Not open any more: ballots are refused.
    res = await vote(other.participantToken, a);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe("vote_not_open");
  });

  it("allows several dots per item when the vote says so, and refuses unknown votes", async () => {
    const s = await setup();
    const [a] = s.notes as [NoteId];
    const voteId = await openVote(s, 3, true);
    for (let i = 0; i < 3; i++) {
      const res = await ballot(s.server.url, s.w.id, voteId, s.w.tokens.facilitator, s.fac.participantToken, {
        target: a,
        action: "add",
      });
      expect(res.status).toBe(200);
    }
    const mine = await (
      await ballot(s.server.url, s.w.id, voteId, s.w.tokens.facilitator, s.fac.participantToken)
    ).json();
    expect(mine).toMatchObject({ mine: { [a]: 3 }, remaining: 0 });
    expect(
      (await ballot(s.server.url, s.w.id, "other", s.w.tokens.facilitator, s.fac.participantToken)).status,
    ).toBe(404);
  });
});

describe("locked stages", () => {
  it("drops a citizen's writes to notes on a locked stage", async () => {
    const s = await setup();
    const citizen = await joinWorkshop(s.server.url, s.w.id, s.w.tokens.citizen, "Malee");
    const mine = await syncedProvider(
      s.server.url,
      contentRoom(s.w.id),
      s.w.tokens.citizen,
      undefined,
      citizen.participantToken,
    );
    const author = { id: citizen.participantId, name: "Malee" };
    addNote(mine.doc, { stage: "define", text: "before lock", author });
    await eventually(() =>
      expect(getNotes(s.server.rooms.peekDoc(contentRoom(s.w.id)) as Y.Doc)).toHaveLength(4),
    );
    setStageLocked(s.control.doc, "define", true);
    setStageLocked(s.control.doc, "ideate", true);
    await eventually(() => expect([...s.server.rooms.lockedStages(s.w.id)]).toEqual(["define", "ideate"]));
    addNote(mine.doc, { stage: "ideate", text: "while locked", author });
    await eventually(() => expect(s.logger.lines.join("\n")).toContain("is on a locked stage"));
    const texts = getNotes(s.server.rooms.peekDoc(contentRoom(s.w.id)) as Y.Doc).map((n) => n.text);
    expect(texts).not.toContain("while locked");
    expect(texts).toContain("before lock");
    // The facilitator still writes there.
    addNote(s.content.doc, {
      stage: "ideate",
      text: "facilitator",
      author: { id: s.fac.participantId, name: "Fac" },
    });
    await eventually(() =>
      expect(getNotes(s.server.rooms.peekDoc(contentRoom(s.w.id)) as Y.Doc).map((n) => n.text)).toContain(
        "facilitator",
      ),
    );
  });
});
