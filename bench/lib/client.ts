/**
 * A raw y-protocols client over `ws`: what the stock WebsocketProvider does on the wire, without its
 * timers and reconnect logic, so one process can hold hundreds of them. Each holds its own Y.Doc,
 * answers step1, applies step2 and updates, sends its own updates, and (optionally) publishes and
 * applies awareness like a browser tab would.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export interface ClientOptions {
  /** Publish an awareness state on connect (and renew it every 15 s, as y-protocols does). */
  awarenessState?: Record<string, unknown> | null;
  /** Fail `synced` if no step2 arrives within this many ms. */
  syncTimeoutMs?: number;
}

export interface ClientCounters {
  messagesIn: number;
  bytesIn: number;
  messagesOut: number;
  bytesOut: number;
  updatesIn: number;
  awarenessIn: number;
  authDenied: number;
  decodeErrors: number;
}

export class SyncClient {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness | null;
  readonly ws: WebSocket;
  readonly synced: Promise<void>;
  readonly counters: ClientCounters = {
    messagesIn: 0,
    bytesIn: 0,
    messagesOut: 0,
    bytesOut: 0,
    updatesIn: 0,
    awarenessIn: 0,
    authDenied: 0,
    decodeErrors: 0,
  };
  isSynced = false;
  /** Set once the socket closed; `closedByUs` tells our own close() apart from the server's. */
  closeInfo: { code: number; reason: string; closedByUs: boolean; at: number } | null = null;
  lastError: string | null = null;
  private closing = false;

  constructor(
    readonly url: string,
    options: ClientOptions = {},
  ) {
    this.awareness = options.awarenessState ? new awarenessProtocol.Awareness(this.doc) : null;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";

    let resolveSynced: () => void = () => {};
    let rejectSynced: (error: Error) => void = () => {};
    this.synced = new Promise<void>((resolve, reject) => {
      resolveSynced = resolve;
      rejectSynced = reject;
    });
    // Callers await `synced`; a rejection nobody awaits must not crash the process.
    this.synced.catch(() => {});
    const syncTimer = setTimeout(
      () => rejectSynced(new Error(`not synced within ${options.syncTimeoutMs ?? 30_000} ms`)),
      options.syncTimeoutMs ?? 30_000,
    );
    syncTimer.unref?.();

    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });

    const awareness = this.awareness;
    if (awareness) {
      awareness.on(
        "update",
        (
          { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
          origin: unknown,
        ) => {
          if (origin === this) return;
          const changed = added.concat(updated, removed);
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
          this.send(encoding.toUint8Array(encoder));
        },
      );
    }

    this.ws.on("open", () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.send(encoding.toUint8Array(encoder));
      if (this.awareness && options.awarenessState) this.awareness.setLocalState(options.awarenessState);
    });

    this.ws.on("message", (data: Buffer) => {
      this.counters.messagesIn++;
      this.counters.bytesIn += data.byteLength;
      try {
        const reply = this.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (reply) this.send(reply);
        if (!this.isSynced && this.sawStep2) {
          this.isSynced = true;
          clearTimeout(syncTimer);
          resolveSynced();
        }
      } catch (error) {
        this.counters.decodeErrors++;
        this.lastError = String(error);
      }
    });

    this.ws.on("error", (error) => {
      this.lastError = String(error);
    });

    this.ws.on("close", (code, reason) => {
      this.closeInfo = { code, reason: reason.toString(), closedByUs: this.closing, at: Date.now() };
      clearTimeout(syncTimer);
      rejectSynced(new Error(`closed (${code} ${reason.toString()}) before sync: ${this.lastError ?? ""}`));
      this.awareness?.destroy();
    });
  }

  private sawStep2 = false;

  private handleMessage(message: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(message);
    const encoder = encoding.createEncoder();
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (syncType === syncProtocol.messageYjsSyncStep2) this.sawStep2 = true;
        if (syncType === syncProtocol.messageYjsUpdate) this.counters.updatesIn++;
        return encoding.length(encoder) > 1 ? encoding.toUint8Array(encoder) : null;
      }
      case MESSAGE_AWARENESS: {
        this.counters.awarenessIn++;
        const update = decoding.readVarUint8Array(decoder);
        if (this.awareness) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, this);
        return null;
      }
      case MESSAGE_AUTH: {
        // permission-denied = 0, followed by a reason string.
        if (decoding.readVarUint(decoder) === 0) this.counters.authDenied++;
        return null;
      }
      case MESSAGE_QUERY_AWARENESS: {
        if (!this.awareness) return null;
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
        );
        return encoding.toUint8Array(encoder);
      }
      default:
        this.counters.decodeErrors++;
        return null;
    }
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.counters.messagesOut++;
    this.counters.bytesOut += message.byteLength;
    this.ws.send(message);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.closing = true;
    this.awareness?.destroy();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(1000);
    }
  }

  /** Close without a handshake (like a tab that lost its network). */
  terminate(): void {
    this.closing = true;
    this.awareness?.destroy();
    this.ws.terminate();
  }
}
