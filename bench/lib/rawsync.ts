/** A bare y-protocols client over `ws`: how long the server takes to answer a cold room's first sync. */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as Y from "yjs";

const MESSAGE_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;

export interface FirstSync {
  /** `new WebSocket` → open (HTTP upgrade, token check). */
  openMs: number;
  /** step1 sent (right at open) → step2 received: the room's load plus the diff. */
  step1ToStep2Ms: number;
  /** `new WebSocket` → step2 received. */
  totalMs: number;
  /** Size of the step2 message (the whole document for an empty client). */
  step2Bytes: number;
}

/**
 * Connects, sends sync step1 with an empty state vector as soon as the socket opens, and resolves on
 * the server's step2. The socket is closed afterwards unless `keepOpen` (then `close()` it yourself).
 */
export function firstSync(url: string, timeoutMs = 60_000): Promise<FirstSync & { close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let t1 = 0;
    const ws = new WebSocket(url);
    ws.binaryType = "arraybuffer";
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no sync step2 within ${timeoutMs} ms from ${url}`));
    }, timeoutMs);
    const close = () =>
      new Promise<void>((done) => {
        if (ws.readyState === WebSocket.CLOSED) return done();
        ws.once("close", () => done());
        ws.close();
      });
    ws.on("open", () => {
      t1 = performance.now();
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, STEP1);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
      ws.send(encoding.toUint8Array(e));
    });
    ws.on("message", (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      const d = decoding.createDecoder(bytes);
      if (decoding.readVarUint(d) !== MESSAGE_SYNC) return;
      if (decoding.readVarUint(d) !== STEP2) return;
      const t2 = performance.now();
      clearTimeout(timer);
      resolve({
        openMs: t1 - t0,
        step1ToStep2Ms: t2 - t1,
        totalMs: t2 - t0,
        step2Bytes: bytes.byteLength,
        close,
      });
    });
    ws.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on("close", (code, reason) => {
      clearTimeout(timer);
      reject(new Error(`closed ${code} ${reason.toString()} before sync step2`));
    });
  });
}
