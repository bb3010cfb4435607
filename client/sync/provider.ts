import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";

const MESSAGE_AWARENESS = 1;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * The stock provider, except that it publishes only this client's own presence. The stock one sends
 * back every remote state it applies, so in a room of N people each window costs the server N² entries
 * it must read and ignore; the server is the only source of other people's presence anyway.
 */
export class WorkshopProvider extends WebsocketProvider {
  constructor(...args: ConstructorParameters<typeof WebsocketProvider>) {
    super(...args);
    const awareness = this.awareness;
    awareness.off("update", this._awarenessUpdateHandler);
    this._awarenessUpdateHandler = ({ added, updated, removed }: AwarenessChange) => {
      const self = awareness.clientID;
      if (!added.includes(self) && !updated.includes(self) && !removed.includes(self)) return;
      if (!this.wsconnected || !this.ws) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [self]));
      this.ws.send(encoding.toUint8Array(encoder));
    };
    awareness.on("update", this._awarenessUpdateHandler);
  }
}
