import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  decodeDoc,
  type HistoryListResponse,
  type HistoryRestoreResponse,
  type HistorySnapshotResponse,
  pictureContent,
  readControlState,
  toBase64,
} from "../shared/history";
import { HistoryRecorder, toEntry } from "./history";
import { createMemoryHistoryStore, type StoredSnapshot } from "./history-store";
import type { Logger } from "./log";
import type { Persistence } from "./persistence/types";
import { apiError, authorizeRequest } from "./replies";
import type { RoomManager } from "./rooms";

export interface HistoryApiDeps {
  persistence: Persistence;
  rooms: RoomManager;
  logger?: Logger | undefined;
  /** Time between periodic snapshots while a workshop is active (default 5 minutes). */
  intervalMs?: number | undefined;
}

const SNAPSHOT_ID = /^[1-9][0-9]{0,15}$/;

/**
 * Workshop history REST (facilitators only): the list of snapshots, one snapshot for preview and restore,
 * and the restore call, which first snapshots the present state (reason "restore") so nothing is lost.
 * The restore itself is a change the facilitator's client makes (`restoreContent`), so it syncs, is
 * attributed, and can be undone.
 */
export function registerHistoryApi(app: FastifyInstance, deps: HistoryApiDeps): HistoryRecorder {
  const { persistence, rooms } = deps;
  const recorder = new HistoryRecorder({
    store: persistence.history ?? createMemoryHistoryStore(),
    rooms,
    logger: deps.logger,
    intervalMs: deps.intervalMs,
  });
  rooms.watch(recorder);
  app.addHook("onClose", async () => recorder.dispose());

  const facilitator = (id: string, request: FastifyRequest, reply: FastifyReply): boolean => {
    const role = authorizeRequest(persistence, id, request.headers.authorization, reply)?.role;
    if (!role) return false;
    if (role !== "facilitator") {
      reply.code(403).send(apiError("forbidden", "only the facilitator may see the history"));
      return false;
    }
    return true;
  };

  const snapshotOf = (id: string, raw: string, reply: FastifyReply): StoredSnapshot | null => {
    const found = SNAPSHOT_ID.test(raw) ? recorder.store.get(id, Number(raw)) : null;
    if (!found) reply.code(404).send(apiError("not_found", "no such snapshot in this workshop"));
    return found;
  };

  const describe = (snapshot: StoredSnapshot): HistorySnapshotResponse => {
    const content = decodeDoc(snapshot.content);
    const control = decodeDoc(snapshot.control);
    try {
      return {
        entry: toEntry(snapshot),
        title: readControlState(control).title,
        content: pictureContent(content),
        state: toBase64(snapshot.content),
      };
    } finally {
      content.destroy();
      control.destroy();
    }
  };
  type One = { Params: { id: string; snapshotId: string } };

  app.get<{ Params: { id: string } }>("/api/workshops/:id/history", async (request, reply) => {
    if (!facilitator(request.params.id, request, reply)) return reply;
    const body: HistoryListResponse = { entries: recorder.store.list(request.params.id).map(toEntry) };
    return reply.header("cache-control", "no-store").send(body);
  });

  app.get<One>("/api/workshops/:id/history/:snapshotId", async (request, reply) => {
    const { id, snapshotId } = request.params;
    if (!facilitator(id, request, reply)) return reply;
    const snapshot = snapshotOf(id, snapshotId, reply);
    if (!snapshot) return reply;
    return reply.header("cache-control", "no-store").send(describe(snapshot));
  });

  app.post<One>("/api/workshops/:id/history/:snapshotId/restore", async (request, reply) => {
    const { id, snapshotId } = request.params;
    if (!facilitator(id, request, reply)) return reply;
    const snapshot = snapshotOf(id, snapshotId, reply);
    if (!snapshot) return reply;
    // The present state goes into the history first: a restore never loses anything.
    const saved = await recorder.capture(id, "restore");
    deps.logger?.info(`workshop ${id}: restoring snapshot ${snapshot.id} (present kept as ${saved?.id})`);
    const body: HistoryRestoreResponse = { ...describe(snapshot), saved };
    return reply.header("cache-control", "no-store").send(body);
  });

  return recorder;
}
