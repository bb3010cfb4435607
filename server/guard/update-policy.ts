import * as Y from "yjs";
import { canWrite, type DocKind, type Role } from "../../shared/protocol";
import { checkCitizenUpdate } from "./content-guard";

/** What the write policy needs to know about a connection (a subset of `ConnectionContext`). */
export interface WriterContext {
  kind: DocKind;
  role: Role;
  participantId?: string | null;
}

/** Room-level permission, plus: citizens write only with a participant identity (they edit only their own notes). */
export function mayWrite(ctx: WriterContext): boolean {
  if (!canWrite(ctx.role, ctx.kind)) return false;
  if (ctx.role === "citizen" && !ctx.participantId) return false;
  return true;
}

export type UpdateVerdict =
  | { ok: true }
  /** Not a valid Yjs update: close the connection (1007). */
  | { ok: false; malformed: true; reason: string }
  /** Valid but not allowed for this writer: drop it whole, tell the client (permission denied). */
  | { ok: false; malformed: false; reason: string };

/**
 * Checks an incoming update before it is applied. Every update is decoded completely first: a truncated
 * or corrupt one must be refused before `Y.applyUpdate`, which integrates structs before it reads the
 * delete set and would otherwise leave half an update in the document. Citizens' updates then go through
 * the content guard.
 */
export function inspectUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  ctx: WriterContext,
  claims: Map<number, string>,
  /** Stages whose boards are locked (facilitation toolkit): citizens may not change notes there. */
  lockedStages?: ReadonlySet<string>,
): UpdateVerdict {
  if (update.byteLength === 0) return { ok: false, malformed: true, reason: "empty update" };
  if (ctx.role !== "citizen") {
    try {
      Y.decodeUpdate(update);
    } catch (error) {
      return { ok: false, malformed: true, reason: `corrupt update: ${describe(error)}` };
    }
    return { ok: true };
  }
  let verdict: ReturnType<typeof checkCitizenUpdate>;
  try {
    verdict = checkCitizenUpdate(doc, update, {
      participantId: ctx.participantId ?? "",
      claims,
      ...(lockedStages?.size ? { lockedStages } : {}),
    });
  } catch (error) {
    return { ok: false, malformed: true, reason: `corrupt update: ${describe(error)}` };
  }
  return verdict.ok ? verdict : { ok: false, malformed: false, reason: verdict.reason };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
