import { resolve } from "node:path";

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
}

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: "0.0.0.0",
  dataDir: resolve("data"),
  publicUrl: null,
  maxMessageBytes: 2 * 1024 * 1024,
  storage: "sqlite",
};

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return value;
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
  };
}
