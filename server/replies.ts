import type { FastifyReply } from "fastify";
import { isWorkshopId, type WorkshopId } from "../shared/ids";
import type { ApiError, Role } from "../shared/protocol";
import { bearerToken, roleForToken } from "./auth";
import type { Persistence, WorkshopRecord } from "./persistence/types";

export const apiError = (error: string, message: string): ApiError => ({ error, message });

export interface Authorized {
  id: WorkshopId;
  workshop: WorkshopRecord;
  role: Role;
}

/**
 * The workshop and the role of a request's bearer token; otherwise the reply is sent here (404 for an
 * unknown workshop, 401 for a missing or wrong token) and the result is null. Every REST route that
 * takes a workshop token goes through this one check.
 */
export function authorizeRequest(
  persistence: Pick<Persistence, "getWorkshop">,
  id: string,
  authorization: string | undefined,
  reply: FastifyReply,
): Authorized | null {
  const workshop = isWorkshopId(id) ? persistence.getWorkshop(id) : null;
  if (!workshop || !isWorkshopId(id)) {
    reply.code(404).send(apiError("not_found", "no workshop with this id"));
    return null;
  }
  const role = roleForToken(workshop, bearerToken(authorization));
  if (!role) {
    reply
      .code(401)
      .header("www-authenticate", "Bearer")
      .send(apiError("unauthorized", "a valid token for this workshop is required"));
    return null;
  }
  return { id, workshop, role };
}
