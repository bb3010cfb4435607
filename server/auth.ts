import { createHash, timingSafeEqual } from "node:crypto";
import { ROLES, type Role } from "../shared/protocol";
import type { WorkshopRecord } from "./persistence/types";

// Hashing first gives equal-length inputs, so timingSafeEqual never leaks the stored token's length.
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** The role a token grants in a workshop, or null. Every role is compared, so timing does not tell which matched. */
export function roleForToken(workshop: WorkshopRecord, token: string | null | undefined): Role | null {
  if (!token) return null;
  const given = digest(token);
  let found: Role | null = null;
  for (const role of ROLES) {
    if (timingSafeEqual(given, digest(workshop.tokens[role])) && found === null) found = role;
  }
  return found;
}

/** `Authorization: Bearer <token>` → token, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
