import type * as Y from "yjs";
import { CLOSE, contentRoom, controlRoom, SYNC_PATH, type WorkshopDocs, type WorkshopId } from "../../shared";
import { WorkshopProvider } from "./provider";

export type ConnectionStatus = "connecting" | "online" | "reconnecting" | "offline" | "revoked";

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Local updates made while not synced; reset when both providers have synced again. */
  pending: number;
}

/** Attempts after which a dropped connection is reported as offline rather than reconnecting. */
const OFFLINE_AFTER_ATTEMPTS = 3;

export const syncOrigin = (location: Location = window.location): string =>
  `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${SYNC_PATH}`;

/**
 * The two websocket providers of one workshop (content with presence, control), and a small
 * observable summary of their state for the connection indicator.
 */
export class WorkshopConnection {
  readonly content: WorkshopProvider;
  readonly control: WorkshopProvider;
  private snapshot: ConnectionSnapshot = { status: "connecting", pending: 0 };
  private everConnected = false;
  private revoked = false;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    id: WorkshopId,
    docs: WorkshopDocs,
    token: string,
    participantToken: string | null,
    origin = syncOrigin(),
  ) {
    // No BroadcastChannel: every change goes through the server, which enforces roles.
    const params: Record<string, string> = participantToken
      ? { token, participant: participantToken }
      : { token };
    const options = { params, disableBc: true };
    this.content = new WorkshopProvider(origin, contentRoom(id), docs.content, options);
    this.control = new WorkshopProvider(origin, controlRoom(id), docs.control, options);
    for (const provider of [this.content, this.control]) {
      const refresh = () => this.refresh();
      const closed = (event: { code: number }) => {
        if (event.code === CLOSE.tokenRevoked) this.revoked = true;
        this.refresh();
      };
      provider.on("status", refresh);
      provider.on("sync", refresh);
      provider.on("connection-close", refresh);
      provider.on("closed", closed);
      this.cleanups.push(() => {
        provider.off("status", refresh);
        provider.off("sync", refresh);
        provider.off("connection-close", refresh);
        provider.off("closed", closed);
      });
      this.countLocalUpdates(provider.doc, provider);
    }
    const online = () => this.refresh();
    window.addEventListener("online", online);
    window.addEventListener("offline", online);
    this.cleanups.push(() => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", online);
    });
  }

  private countLocalUpdates(doc: Y.Doc, provider: WorkshopProvider) {
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || this.snapshot.status === "online") return;
      this.snapshot = { ...this.snapshot, pending: this.snapshot.pending + 1 };
      this.emit();
    };
    doc.on("update", onUpdate);
    this.cleanups.push(() => doc.off("update", onUpdate));
  }

  private computeStatus(): ConnectionStatus {
    if (this.revoked) return "revoked";
    const providers = [this.content, this.control];
    if (providers.every((p) => p.wsconnected && p.synced)) {
      this.everConnected = true;
      return "online";
    }
    const browserOffline = typeof navigator !== "undefined" && navigator.onLine === false;
    const failing = providers.some((p) => p.wsUnsuccessfulReconnects >= OFFLINE_AFTER_ATTEMPTS);
    if (browserOffline || failing) return "offline";
    return this.everConnected ? "reconnecting" : "connecting";
  }

  private refresh() {
    const status = this.computeStatus();
    const pending = status === "online" ? 0 : this.snapshot.pending;
    if (status === this.snapshot.status && pending === this.snapshot.pending) return;
    this.snapshot = { status, pending };
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup();
    this.content.destroy();
    this.control.destroy();
    this.listeners.clear();
  }
}
