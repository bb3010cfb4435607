import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  applyBallot,
  type BallotResponse,
  ballotTotal,
  getHidden,
  getVote,
  PARTICIPANT_HEADER,
  publishVoters,
  type RevealResponse,
  rankTally,
  revealVote,
  type TimeResponse,
  type Vote,
} from "../shared/facilitation";
import { getNote } from "../shared/model";
import { contentRoom, controlRoom } from "../shared/protocol";
import { type BallotStore, createMemoryBallotStore } from "./ballot-store";
import { resolveParticipant } from "./guard/participants";
import type { Logger } from "./log";
import type { Persistence } from "./persistence/types";
import { apiError, authorizeRequest } from "./replies";
import type { RoomManager } from "./rooms";

/**
 * Facilitation toolkit REST: the server clock, and dot voting as a secret ballot. Ballots stay on the
 * server; the control document gets only the number of voters while a vote is open and the ranking
 * when the facilitator reveals it.
 */
export interface FacilitationApiDeps {
  persistence: Persistence;
  rooms: RoomManager;
  logger?: Logger | undefined;
}

const ballotBody = z.object(
  {
    target: z.string({ error: "target must be a note id" }).min(1).max(64),
    action: z.enum(["add", "remove"], { error: 'action must be "add" or "remove"' }),
  },
  { error: 'the body must be a JSON object with a target and an action ("add" or "remove")' },
);

const VOTE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function registerFacilitationApi(app: FastifyInstance, deps: FacilitationApiDeps): void {
  const { persistence, rooms } = deps;
  const store: BallotStore = persistence.ballots ?? createMemoryBallotStore();

  app.get("/api/time", async (_request, reply) => {
    const body: TimeResponse = { now: Date.now() };
    return reply.header("cache-control", "no-store").send(body);
  });

  /** Workshop, role and participant of a ballot request, or the reply already sent. */
  const voter = (params: { id: string; voteId: string }, request: FastifyRequest, reply: FastifyReply) => {
    const { id, voteId } = params;
    if (!VOTE_ID.test(voteId)) {
      reply.code(404).send(apiError("not_found", "no such workshop or vote"));
      return null;
    }
    const auth = authorizeRequest(persistence, id, request.headers.authorization, reply);
    return auth && { id, voteId, role: auth.role };
  };

  const participantOf = (
    id: string,
    role: Parameters<typeof resolveParticipant>[2],
    request: FastifyRequest,
  ) => {
    const header = request.headers[PARTICIPANT_HEADER];
    const token = typeof header === "string" ? header : "";
    return token ? resolveParticipant(persistence, id, role, token) : null;
  };

  /** The vote as the control document has it now, or the reply already sent (404). */
  const currentVote = async (id: string, voteId: string, reply: FastifyReply): Promise<Vote | null> => {
    const vote = await rooms.change(controlRoom(id as never), (doc) => getVote(doc));
    if (!vote || vote.id !== voteId) {
      reply.code(404).send(apiError("not_found", "no such vote in this workshop"));
      return null;
    }
    return vote;
  };

  const answer = (vote: Vote, mine: Record<string, number>): BallotResponse => ({
    voteId: vote.id,
    status: vote.status,
    mine,
    remaining: Math.max(0, vote.perPerson - ballotTotal(mine)),
  });

  type Params = { Params: { id: string; voteId: string } };

  app.get<Params>("/api/workshops/:id/votes/:voteId", async (request, reply) => {
    const auth = voter(request.params, request, reply);
    if (!auth) return reply;
    const participant = participantOf(auth.id, auth.role, request);
    if (!participant)
      return reply
        .code(401)
        .send(apiError("no_participant", `a valid ${PARTICIPANT_HEADER} header is required`));
    const vote = await currentVote(auth.id, auth.voteId, reply);
    if (!vote) return reply;
    const mine = store.get(auth.id, auth.voteId, participant.id);
    return reply.header("cache-control", "no-store").send(answer(vote, mine));
  });

  app.post<Params>("/api/workshops/:id/votes/:voteId", async (request, reply) => {
    const auth = voter(request.params, request, reply);
    if (!auth) return reply;
    if (auth.role === "observer") return reply.code(403).send(apiError("forbidden", "observers do not vote"));
    // Identity comes only from the participant token: a body naming someone else is not even read.
    const participant = participantOf(auth.id, auth.role, request);
    if (!participant)
      return reply
        .code(401)
        .send(apiError("no_participant", `a valid ${PARTICIPANT_HEADER} header is required`));
    const parsed = ballotBody.safeParse(request.body);
    if (!parsed.success)
      return reply
        .code(400)
        .send(apiError("invalid_body", parsed.error.issues.map((issue) => issue.message).join("; ")));
    const { target, action } = parsed.data;
    const vote = await currentVote(auth.id, auth.voteId, reply);
    if (!vote) return reply;
    if (vote.status !== "open")
      return reply.code(409).send(apiError("vote_not_open", `this vote is ${vote.status}`));
    if (action === "add") {
      const ok = await rooms.change(contentRoom(auth.id as never), (doc) => {
        const note = getNote(doc, target as never);
        return note !== null && note.stage === vote.stage;
      });
      const hidden = await rooms.change(controlRoom(auth.id as never), (doc) => target in getHidden(doc));
      if (!ok || hidden)
        return reply
          .code(422)
          .send(apiError("invalid_target", "votes go on visible notes of the vote's stage"));
    }
    // No await from here to the write: the budget check and the write are one step.
    const before = store.get(auth.id, auth.voteId, participant.id);
    const verdict = applyBallot(before, vote, target, action);
    if (!verdict.ok) {
      const message =
        verdict.error === "no_votes_left"
          ? `all ${vote.perPerson} votes are used`
          : "only one vote per item in this vote";
      return reply.code(409).send(apiError(verdict.error, message));
    }
    store.set(auth.id, auth.voteId, participant.id, verdict.ballot);
    const { voters } = store.tally(auth.id, auth.voteId);
    await rooms.change(controlRoom(auth.id as never), (doc) => publishVoters(doc, auth.voteId, voters));
    return reply.header("cache-control", "no-store").send(answer(vote, verdict.ballot));
  });

  app.post<Params>("/api/workshops/:id/votes/:voteId/reveal", async (request, reply) => {
    const auth = voter(request.params, request, reply);
    if (!auth) return reply;
    if (auth.role !== "facilitator")
      return reply.code(403).send(apiError("forbidden", "only the facilitator may reveal a vote"));
    const vote = await currentVote(auth.id, auth.voteId, reply);
    if (!vote) return reply;
    if (vote.status === "closed")
      return reply.code(409).send(apiError("vote_not_open", "this vote is closed"));
    const { counts, voters } = store.tally(auth.id, auth.voteId);
    const body: RevealResponse = {
      result: {
        voteId: vote.id,
        stage: vote.stage,
        perPerson: vote.perPerson,
        allowMultiple: vote.allowMultiple,
        voters,
        revealedAt: Date.now(),
        ranking: rankTally(counts),
      },
    };
    await rooms.change(controlRoom(auth.id as never), (doc) => revealVote(doc, body.result));
    deps.logger?.info(`workshop ${auth.id}: vote ${vote.id} revealed (${voters} voter(s))`);
    return reply.header("cache-control", "no-store").send(body);
  });
}
