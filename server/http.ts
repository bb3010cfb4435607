import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { WebSocketServer } from "ws";
import { isWorkshopId } from "../shared/ids";
import { parseRoom, SYNC_PARAMS, SYNC_PATH } from "../shared/protocol";
import { apiError, registerApi } from "./api";
import { roleForToken } from "./auth";
import { resolveParticipant } from "./guard/participants";
import { type Logger, pathOnly } from "./log";
import type { Persistence } from "./persistence/types";
import type { ConnectionContext, RoomManager } from "./rooms";

export const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

export const JSON_BODY_LIMIT = 64 * 1024;

export interface TransportOptions {
  persistence: Persistence;
  rooms: RoomManager;
  logger: Logger;
  publicUrl: string | null;
  maxMessageBytes: number;
  /** Sockets one room admits before upgrades get 503 (0 = no limit). */
  maxConnectionsPerRoom?: number;
  /** Per-IP per-minute limits on creating workshops and joining (0 = no limit). */
  createsPerMinute?: number;
  joinsPerMinute?: number;
  /** Trust X-Forwarded-For for the client IP (only behind a proxy that sets it). */
  trustProxy?: boolean;
  /** Workshop history: time between periodic snapshots while a workshop is active. */
  historyIntervalMs?: number;
  /** Uploaded images: largest accepted (bytes) and how many one workshop may hold. */
  maxImageBytes?: number;
  maxImagesPerWorkshop?: number;
  /** The built SPA (`dist/client`); skipped when it has no index.html, as in tests. */
  staticDir: string | null;
}

export interface Transport {
  app: FastifyInstance;
  server: Server;
}

/** One HTTP server: fastify answers requests, `ws` takes the upgrades on /sync/<room>. */
export function createTransport(options: TransportOptions): Transport {
  const { persistence, rooms, logger } = options;
  const app = Fastify({
    serverFactory: (handler) => createServer(handler),
    bodyLimit: JSON_BODY_LIMIT,
    logger: false,
    // Keep-alive sockets would otherwise hold shutdown open.
    forceCloseConnections: true,
    trustProxy: options.trustProxy ?? false,
  });

  app.addHook("onRequest", async (_request, reply) => {
    if (rooms.closing) return reply.code(503).send(apiError("shutting_down", "the server is restarting"));
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
  app.addHook("onResponse", async (request, reply) => {
    logger.info(
      `${request.method} ${pathOnly(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`,
    );
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) logger.error(`${request.method} ${pathOnly(request.url)} failed`, error);
    const message = status >= 500 ? "internal error" : (error.message ?? "bad request");
    return reply
      .code(status)
      .send(apiError(status >= 500 ? "internal" : (error.code ?? "bad_request"), message));
  });

  registerApi(app, {
    persistence,
    rooms,
    publicUrl: options.publicUrl,
    logger,
    createsPerMinute: options.createsPerMinute ?? 0,
    joinsPerMinute: options.joinsPerMinute ?? 0,
    historyIntervalMs: options.historyIntervalMs,
    maxImageBytes: options.maxImageBytes,
    maxImagesPerWorkshop: options.maxImagesPerWorkshop,
  });

  const staticDir = options.staticDir;
  const spa = staticDir !== null && existsSync(`${staticDir}/index.html`);
  if (spa) {
    app.register(fastifyStatic, {
      root: staticDir,
      prefix: "/",
      index: "index.html",
      setHeaders: (reply, path) => {
        // Hashed names change with their content, so browsers may keep them forever.
        const hashed = /[\\/]assets[\\/]/.test(path);
        reply.header("cache-control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = pathOnly(request.url);
    // SPA routes: home, workshops (/w/<id>), published pages (/p/<id>) and their list (/open).
    const route = path === "/" || path.startsWith("/w/") || path.startsWith("/p/") || path === "/open";
    if (spa && route && (request.method === "GET" || request.method === "HEAD"))
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    return reply.code(404).send(apiError("not_found", `nothing at ${request.method} ${path}`));
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    // Compressed frames can inflate past maxPayload's intent (ws #1848); Yjs updates compress poorly anyway.
    perMessageDeflate: false,
    clientTracking: false,
  });

  app.server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", (error) => logger.warn(`upgrade socket error: ${error.message}`));
    try {
      handleUpgrade(request, socket, head);
    } catch (error) {
      logger.error(`upgrade ${pathOnly(request.url)} failed`, error);
      refuse(socket, 500, "Internal Server Error");
    }
  });

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const decision = authorizeUpgrade(request);
    if ("status" in decision) {
      refuse(socket, decision.status, decision.text);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => rooms.connect(ws, decision));
  }

  /** Decides an upgrade from its URL alone, so a refused client never gets a websocket at all. */
  function authorizeUpgrade(request: IncomingMessage): ConnectionContext | { status: number; text: string } {
    const url = new URL(request.url ?? "/", "http://localhost");
    const prefix = `${SYNC_PATH}/`;
    if (!url.pathname.startsWith(prefix)) return { status: 404, text: "Not Found" };
    if (rooms.closing) return { status: 503, text: "Service Unavailable" };
    let room: string;
    try {
      room = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return { status: 400, text: "Bad Request" };
    }
    const parsed = parseRoom(room);
    if (!parsed || !isWorkshopId(parsed.workshopId)) return { status: 400, text: "Bad Request" };
    const workshop = persistence.getWorkshop(parsed.workshopId);
    if (!workshop) return { status: 404, text: "Not Found" };
    const role = roleForToken(workshop, url.searchParams.get(SYNC_PARAMS.token));
    if (!role) return { status: 401, text: "Unauthorized" };
    const context: ConnectionContext = { workshopId: workshop.id, room, kind: parsed.kind, role };
    const participantToken = url.searchParams.get(SYNC_PARAMS.participant);
    if (participantToken !== null && participantToken !== "") {
      const participant = resolveParticipant(persistence, workshop.id, role, participantToken);
      if (!participant) return { status: 401, text: "Unauthorized" };
      context.participantId = participant.id;
      context.name = participant.name;
    }
    const cap = options.maxConnectionsPerRoom ?? 0;
    if (cap > 0 && rooms.connectionCount(room) >= cap) {
      logger.warn(`room ${room} is full (${cap} connections): upgrade refused`);
      return { status: 503, text: "Room full, try again later" };
    }
    return context;
  }

  return { app, server: app.server };
}

/** Answers an upgrade without ever creating a websocket, then drops the socket. */
function refuse(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
