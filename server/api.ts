import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as Y from "yjs";
import { z } from "zod";
import { isWorkshopId, newToken, newWorkshopId, type WorkshopId } from "../shared/ids";
import { createWorkshopDocs, initWorkshop } from "../shared/model";
import {
  type CreateWorkshopResponse,
  contentRoom,
  controlRoom,
  isRole,
  type JoinResponse,
  ROLES,
  type Role,
  type RoleLinks,
  type RotateLinkResponse,
  type SessionResponse,
  workshopLink,
} from "../shared/protocol";
import { LIMITS } from "../shared/schema";
import { applyTemplate, TEMPLATE_IDS, TEMPLATE_LOCALES } from "../shared/templates";
import { bearerToken, roleForToken } from "./auth";
import { registerFacilitationApi } from "./ballot-api";
import { registerExportApi } from "./export";
import { KeyedRateLimiter } from "./guard/limits";
import { issueParticipant } from "./guard/participants";
import { registerHistoryApi } from "./history-api";
import type { Logger } from "./log";
import type { Persistence } from "./persistence/types";
import { registerPublishApi } from "./publish";
import { apiError, authorizeRequest } from "./replies";
import type { RoomManager } from "./rooms";
import { registerUploadsApi } from "./uploads";

export interface ApiDeps {
  persistence: Persistence;
  rooms: RoomManager;
  publicUrl: string | null;
  logger?: Logger;
  /** Per client IP, per minute (0 = no limit). */
  createsPerMinute?: number;
  joinsPerMinute?: number;
  /** Workshop history: time between periodic snapshots while a workshop is active (default 5 min). */
  historyIntervalMs?: number | undefined;
  /** Uploaded images: largest accepted in bytes (default 5 MiB) and how many one workshop may hold. */
  maxImageBytes?: number | undefined;
  maxImagesPerWorkshop?: number | undefined;
}

const joinBody = z.object(
  {
    name: z
      .string({ error: "name must be a string" })
      .trim()
      .max(LIMITS.displayNameLength, `name must be at most ${LIMITS.displayNameLength} characters`)
      .default(""),
  },
  { error: "the body must be a JSON object with a name (it may be empty)" },
);

const readableIssues = (error: z.ZodError) => error.issues.map((issue) => issue.message).join("; ");

const createWorkshopBody = z.object(
  {
    title: z
      .string({ error: "title must be a string" })
      .trim()
      .min(1, "title must not be empty")
      .max(LIMITS.titleLength, `title must be at most ${LIMITS.titleLength} characters`),
    challenge: z
      .string({ error: "challenge must be a string" })
      .trim()
      .max(LIMITS.challengeLength, `challenge must be at most ${LIMITS.challengeLength} characters`)
      .default(""),
    template: z
      .enum(TEMPLATE_IDS, { error: `template must be one of: ${TEMPLATE_IDS.join(", ")}` })
      .default("blank"),
    locale: z
      .enum(TEMPLATE_LOCALES, { error: `locale must be one of: ${TEMPLATE_LOCALES.join(", ")}` })
      .default("th"),
  },
  { error: "the body must be a JSON object with a title and a challenge" },
);

// Host ends up in links shown to people: accept only what a host[:port] can look like.
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export { apiError };

function originOf(request: FastifyRequest, publicUrl: string | null): string | null {
  if (publicUrl) return publicUrl;
  const host = request.host;
  if (!host || !HOST.test(host)) return null;
  return `${request.protocol}://${host}`;
}

const linksFor = (origin: string, id: WorkshopId, tokens: Record<Role, string>): RoleLinks =>
  Object.fromEntries(ROLES.map((role) => [role, workshopLink(origin, id, role, tokens[role])])) as RoleLinks;

export function registerApi(app: FastifyInstance, deps: ApiDeps): void {
  const { persistence, rooms, publicUrl } = deps;
  const creates = new KeyedRateLimiter(deps.createsPerMinute ?? 0);
  const joins = new KeyedRateLimiter(deps.joinsPerMinute ?? 0);

  /** 429 with Retry-After when `limiter` says this client IP has had its share; true when answered. */
  const limited = (limiter: KeyedRateLimiter, request: FastifyRequest, reply: FastifyReply): boolean => {
    const retryAfter = limiter.hit(request.ip);
    if (retryAfter === null) return false;
    deps.logger?.warn(`rate limit: ${request.ip} over ${limiter.limit}/min on ${request.routeOptions.url}`);
    reply
      .code(429)
      .header("retry-after", String(retryAfter))
      .send(apiError("rate_limited", `too many requests; try again in ${retryAfter} s`));
    return true;
  };

  const authorize = (id: string, request: FastifyRequest, reply: FastifyReply) =>
    authorizeRequest(persistence, id, request.headers.authorization, reply);

  app.get("/api/health", async () => ({ ok: true }));
  registerFacilitationApi(app, { persistence, rooms, logger: deps.logger });
  registerExportApi(app, { persistence, rooms, logger: deps.logger, publicUrl });
  registerPublishApi(app, { persistence, rooms, logger: deps.logger, publicUrl });
  registerHistoryApi(app, { persistence, rooms, logger: deps.logger, intervalMs: deps.historyIntervalMs });
  registerUploadsApi(app, {
    persistence,
    logger: deps.logger,
    maxBytes: deps.maxImageBytes,
    perWorkshop: deps.maxImagesPerWorkshop,
  });

  app.post("/api/workshops", async (request, reply) => {
    if (limited(creates, request, reply)) return reply;
    const parsed = createWorkshopBody.safeParse(request.body);
    if (!parsed.success) {
      const message = parsed.error.issues.map((issue) => issue.message).join("; ");
      return reply.code(400).send(apiError("invalid_body", message));
    }
    const origin = originOf(request, publicUrl);
    if (!origin) return reply.code(400).send(apiError("invalid_host", "the Host header is not valid"));
    const { title, challenge, template, locale } = parsed.data;
    const id = newWorkshopId();
    const tokens = Object.fromEntries(ROLES.map((role) => [role, newToken() as string])) as Record<
      Role,
      string
    >;
    // Both documents start filled in (title, challenge, the template's examples), so the first joiner
    // sees them at once and no client has to seed them.
    const docs = createWorkshopDocs();
    initWorkshop(docs.control, { title, challenge });
    applyTemplate(docs, template, locale);
    const initialRooms = [{ room: controlRoom(id), state: Y.encodeStateAsUpdate(docs.control) }];
    // A blank workshop keeps no content snapshot, as before templates.
    if (docs.content.store.clients.size > 0)
      initialRooms.push({ room: contentRoom(id), state: Y.encodeStateAsUpdate(docs.content) });
    docs.control.destroy();
    docs.content.destroy();
    persistence.createWorkshop({ id, title, createdAt: Date.now(), tokens }, initialRooms);
    const body: CreateWorkshopResponse = { id, links: linksFor(origin, id, tokens) };
    return reply.code(201).header("cache-control", "no-store").send(body);
  });

  app.get<{ Params: { id: string } }>("/api/workshops/:id/session", async (request, reply) => {
    const { id } = request.params;
    const workshop = isWorkshopId(id) ? persistence.getWorkshop(id) : null;
    if (!workshop || !isWorkshopId(id))
      return reply.code(404).send(apiError("not_found", "no workshop with this id"));
    const role = roleForToken(workshop, bearerToken(request.headers.authorization));
    if (!role)
      return reply
        .code(401)
        .header("www-authenticate", "Bearer")
        .send(apiError("unauthorized", "a valid token for this workshop is required"));
    const body: SessionResponse = { id, role, title: rooms.liveTitle(id) ?? workshop.title };
    if (role === "facilitator") {
      const origin = originOf(request, publicUrl);
      if (origin) body.links = linksFor(origin, id, workshop.tokens);
    }
    return reply.header("cache-control", "no-store").send(body);
  });

  app.post<{ Params: { id: string } }>("/api/workshops/:id/join", async (request, reply) => {
    if (limited(joins, request, reply)) return reply;
    const auth = authorize(request.params.id, request, reply);
    if (!auth) return reply;
    const parsed = joinBody.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send(apiError("invalid_body", readableIssues(parsed.error)));
    const { record, token } = issueParticipant(persistence, auth.id, auth.role, parsed.data.name);
    const body: JoinResponse = { participantId: record.id, participantToken: token, role: auth.role };
    return reply.header("cache-control", "no-store").send(body);
  });

  app.post<{ Params: { id: string; role: string } }>(
    "/api/workshops/:id/links/:role/rotate",
    async (request, reply) => {
      const auth = authorize(request.params.id, request, reply);
      if (!auth) return reply;
      if (auth.role !== "facilitator")
        return reply.code(403).send(apiError("forbidden", "only the facilitator may rotate links"));
      const role = request.params.role;
      if (!isRole(role))
        return reply.code(400).send(apiError("invalid_role", `role must be one of ${ROLES.join(", ")}`));
      const origin = originOf(request, publicUrl);
      if (!origin) return reply.code(400).send(apiError("invalid_host", "the Host header is not valid"));
      // Stored first, so the old token fails at every door from now on; then its live sockets go.
      persistence.rotateRoleToken(auth.id, role, newToken());
      const closed = rooms.revoke(auth.id, role);
      deps.logger?.info(`workshop ${auth.id}: ${role} link rotated, ${closed} connection(s) closed`);
      const workshop = persistence.getWorkshop(auth.id);
      if (!workshop) return reply.code(404).send(apiError("not_found", "no workshop with this id"));
      const body: RotateLinkResponse = { links: linksFor(origin, auth.id, workshop.tokens) };
      return reply.header("cache-control", "no-store").send(body);
    },
  );
}
