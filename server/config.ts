import { resolve } from "node:path";
import { IMAGE_LIMITS } from "../shared/protocol";

export type StorageKind = "sqlite" | "memory";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Origin the share links point at; without it links follow the request's Host and protocol. */
  publicUrl: string | null;
  /** Largest websocket frame accepted; also bounds a single Yjs update. */
  maxMessageBytes: number;
  storage: StorageKind;
  /** Per connection: sustained messages/s and burst (0 = no limit). Over it: close 1008. */
  rateMessagesPerSecond: number;
  rateMessageBurst: number;
  /** Per connection: sustained bytes/s and burst (0 = no limit). Over it: close 1008. */
  rateBytesPerSecond: number;
  rateByteBurst: number;
  /** Sockets one room admits; the next upgrade is answered 503 (0 = no limit). */
  maxConnectionsPerRoom: number;
  /** Per client IP, per minute: `POST /api/workshops` and `POST /api/workshops/:id/join` (0 = no limit). */
  createsPerMinute: number;
  joinsPerMinute: number;
  /** Behind a reverse proxy: take the client IP (for the per-IP limits) from X-Forwarded-For. */
  trustProxy: boolean;
  /** Workshop history: a snapshot this long into every stretch of activity (besides stage changes). */
  historyIntervalMs: number;
  /** Largest uploaded image (storyboard steps, persona pictures), in bytes; bigger files get 413. */
  maxImageBytes: number;
  /** Images one workshop may hold; the next upload gets 409, so nobody can fill the disk (0 = no limit). */
  maxImagesPerWorkshop: number;
}

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: "0.0.0.0",
  dataDir: resolve("data"),
  publicUrl: null,
  maxMessageBytes: 2 * 1024 * 1024,
  storage: "sqlite",
  rateMessagesPerSecond: 200,
  rateMessageBurst: 400,
  rateBytesPerSecond: 2 * 1024 * 1024,
  rateByteBurst: 8 * 1024 * 1024,
  maxConnectionsPerRoom: 1000,
  createsPerMinute: 20,
  joinsPerMinute: 120,
  trustProxy: false,
  historyIntervalMs: 5 * 60_000,
  maxImageBytes: IMAGE_LIMITS.maxBytes,
  maxImagesPerWorkshop: IMAGE_LIMITS.perWorkshop,
};

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return value;
}

function flag(name: string, raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new Error(`${name} must be 1/true or 0/false, got "${raw}"`);
}

/** Reads the environment once at start; a bad value stops the server with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const storage = env.STORAGE?.trim() || DEFAULT_CONFIG.storage;
  if (storage !== "sqlite" && storage !== "memory")
    throw new Error(`STORAGE must be "sqlite" or "memory", got "${storage}"`);
  let publicUrl: string | null = null;
  if (env.PUBLIC_URL?.trim()) {
    const url = new URL(env.PUBLIC_URL.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new Error(`PUBLIC_URL must be http(s), got "${env.PUBLIC_URL}"`);
    publicUrl = url.origin;
  }
  return {
    port: integer("PORT", env.PORT, DEFAULT_CONFIG.port, 0, 65535),
    host: env.HOST?.trim() || DEFAULT_CONFIG.host,
    dataDir: resolve(env.DATA_DIR?.trim() || DEFAULT_CONFIG.dataDir),
    publicUrl,
    maxMessageBytes: integer(
      "MAX_MESSAGE_BYTES",
      env.MAX_MESSAGE_BYTES,
      DEFAULT_CONFIG.maxMessageBytes,
      1024,
      256 * 1024 * 1024,
    ),
    storage,
    rateMessagesPerSecond: integer(
      "RATE_MESSAGES_PER_SECOND",
      env.RATE_MESSAGES_PER_SECOND,
      DEFAULT_CONFIG.rateMessagesPerSecond,
      0,
      1_000_000,
    ),
    rateMessageBurst: integer(
      "RATE_MESSAGE_BURST",
      env.RATE_MESSAGE_BURST,
      DEFAULT_CONFIG.rateMessageBurst,
      1,
      10_000_000,
    ),
    rateBytesPerSecond: integer(
      "RATE_BYTES_PER_SECOND",
      env.RATE_BYTES_PER_SECOND,
      DEFAULT_CONFIG.rateBytesPerSecond,
      0,
      2 ** 40,
    ),
    rateByteBurst: integer("RATE_BYTE_BURST", env.RATE_BYTE_BURST, DEFAULT_CONFIG.rateByteBurst, 1, 2 ** 40),
    maxConnectionsPerRoom: integer(
      "MAX_CONNECTIONS_PER_ROOM",
      env.MAX_CONNECTIONS_PER_ROOM,
      DEFAULT_CONFIG.maxConnectionsPerRoom,
      0,
      1_000_000,
    ),
    createsPerMinute: integer(
      "CREATES_PER_MINUTE",
      env.CREATES_PER_MINUTE,
      DEFAULT_CONFIG.createsPerMinute,
      0,
      1_000_000,
    ),
    joinsPerMinute: integer(
      "JOINS_PER_MINUTE",
      env.JOINS_PER_MINUTE,
      DEFAULT_CONFIG.joinsPerMinute,
      0,
      1_000_000,
    ),
    trustProxy: flag("TRUST_PROXY", env.TRUST_PROXY),
    historyIntervalMs: integer(
      "HISTORY_INTERVAL_MS",
      env.HISTORY_INTERVAL_MS,
      DEFAULT_CONFIG.historyIntervalMs,
      1000,
      24 * 3_600_000,
    ),
    maxImageBytes: integer(
      "MAX_IMAGE_BYTES",
      env.MAX_IMAGE_BYTES,
      DEFAULT_CONFIG.maxImageBytes,
      1024,
      1024 * 1024 * 1024,
    ),
    maxImagesPerWorkshop: integer(
      "MAX_IMAGES_PER_WORKSHOP",
      env.MAX_IMAGES_PER_WORKSHOP,
      DEFAULT_CONFIG.maxImagesPerWorkshop,
      0,
      1_000_000,
    ),
  };
}
