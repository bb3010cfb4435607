import { join, resolve } from "node:path";
import { type Config, DEFAULT_CONFIG } from "./config";
import { createTransport } from "./http";
import { type Logger, silentLogger } from "./log";
import { createMemoryPersistence } from "./persistence/memory";
import { createSqlitePersistence } from "./persistence/sqlite";
import type { Persistence } from "./persistence/types";
import type { PresenceOptions } from "./presence";
import { RoomManager } from "./rooms";

export interface StartOptions extends Partial<Config> {
  /** Overrides `storage`/`dataDir`; closed by `close()` like the built-in ones. */
  persistence?: Persistence;
  logger?: Logger;
  compactDebounceMs?: number;
  compactMaxWaitMs?: number;
  /** Awareness window, cursor sample size, keepalive and limits (tests shrink them). */
  presence?: PresenceOptions;
  /** The built client; null disables static serving. Defaults to `dist/client`. */
  staticDir?: string | null;
}

export interface RunningServer {
  /** `http://HOST:PORT` with the port actually bound. */
  url: string;
  port: number;
  persistence: Persistence;
  rooms: RoomManager;
  /** Stops accepting, compacts every room, closes sockets with 1012, closes the store. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config: Config = { ...DEFAULT_CONFIG, ...stripUndefined(options) };
  const logger = options.logger ?? silentLogger;
  const persistence =
    options.persistence ??
    (config.storage === "memory" ? createMemoryPersistence() : createSqlitePersistence(config.dataDir));
  const rooms = new RoomManager({
    persistence,
    logger,
    compactDebounceMs: options.compactDebounceMs,
    compactMaxWaitMs: options.compactMaxWaitMs,
    presence: options.presence,
    limits: {
      messagesPerSecond: config.rateMessagesPerSecond,
      messageBurst: config.rateMessageBurst,
      bytesPerSecond: config.rateBytesPerSecond,
      byteBurst: config.rateByteBurst,
    },
  });
  const staticDir = options.staticDir === undefined ? resolve(join("dist", "client")) : options.staticDir;
  const { app, server } = createTransport({
    persistence,
    rooms,
    logger,
    publicUrl: config.publicUrl,
    maxMessageBytes: config.maxMessageBytes,
    maxConnectionsPerRoom: config.maxConnectionsPerRoom,
    createsPerMinute: config.createsPerMinute,
    joinsPerMinute: config.joinsPerMinute,
    trustProxy: config.trustProxy,
    historyIntervalMs: config.historyIntervalMs,
    maxImageBytes: config.maxImageBytes,
    maxImagesPerWorkshop: config.maxImagesPerWorkshop,
    staticDir,
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    persistence.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      try {
        await rooms.closeAll();
        await app.close();
      } finally {
        persistence.close();
      }
    })();
    return closing;
  };

  return { url: `http://${host}:${port}`, port, persistence, rooms, close };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
