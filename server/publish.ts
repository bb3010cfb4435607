import type { FastifyInstance, FastifyReply } from "fastify";
import { isWorkshopId, type WorkshopId } from "../shared/ids";
import type { ApiError } from "../shared/protocol";
import { isReportLocale, type Report } from "../shared/report";
import {
  buildWorkshopReport,
  contentDisposition,
  EXPORT_TYPES,
  type ExportApiDeps,
  type ExportFormat,
  exportFilename,
  renderExport,
  requestOrigin,
} from "./export";
import type { PublishedWorkshop, WorkshopRecord } from "./persistence/types";
import { authorizeRequest } from "./replies";

/**
 * Publishing (Public Sector 4.0: open data by default, without personal data).
 *
 * With the facilitator's bearer token:
 * - `POST /api/workshops/:id/publish` → `PublishStatus` (publishes; publishing again keeps the first time)
 * - `DELETE /api/workshops/:id/publish` → `PublishStatus` (unpublishes: every public URL is 404 at once)
 * - `GET /api/workshops/:id/publish` → `PublishStatus` (any valid token of the workshop)
 *
 * Without any token, only while published (404 otherwise, also for unknown ids):
 * - `GET /api/public/workshops` → `PublishedWorkshop[]` (`{ id, title, publishedAt }`, newest first)
 * - `GET /api/public/workshops/:id` → `PublicWorkshop` (the pseudonymized report, hidden notes left out)
 * - `GET /api/public/workshops/:id/export.{json,csv,md,html}` (`?lang=th|en`) → the same files as the
 *   team's exports, which are always pseudonymized and never carry tokens, ids of people or hidden notes.
 */

export const PUBLIC_FORMATS = ["json", "csv", "md", "html"] as const satisfies readonly ExportFormat[];
export type PublicFormat = (typeof PUBLIC_FORMATS)[number];
const isPublicFormat = (value: unknown): value is PublicFormat =>
  PUBLIC_FORMATS.includes(value as PublicFormat);

export interface PublishStatus {
  id: string;
  published: boolean;
  /** Epoch milliseconds, null while unpublished. */
  publishedAt: number | null;
  /** Path of the public page (`/p/<id>`), null while unpublished. */
  publicPath: string | null;
}

export interface PublicWorkshop {
  id: string;
  title: string;
  publishedAt: number;
  report: Report;
}

export const publicPath = (id: string) => `/p/${encodeURIComponent(id)}`;

const apiError = (error: string, message: string): ApiError => ({ error, message });

const statusOf = (id: string, publishedAt: number | null | undefined): PublishStatus => ({
  id,
  published: typeof publishedAt === "number",
  publishedAt: publishedAt ?? null,
  publicPath: typeof publishedAt === "number" ? publicPath(id) : null,
});

/** Public answers: anyone may read them from anywhere, nobody may cache them past an unpublish. */
const publicHeaders = (reply: FastifyReply) =>
  reply.header("cache-control", "no-store").header("access-control-allow-origin", "*");

export function registerPublishApi(app: FastifyInstance, deps: ExportApiDeps): void {
  const { persistence, rooms } = deps;

  /** The workshop and role of the bearer token, or the reply already sent (404/401). */
  const authorize = (id: string, authorization: string | undefined, reply: FastifyReply) =>
    authorizeRequest(persistence, id, authorization, reply);

  /** A published workshop, or the reply already sent (404 for unknown and unpublished alike). */
  const published = (id: string, reply: FastifyReply): (WorkshopRecord & { id: WorkshopId }) | null => {
    const workshop = isWorkshopId(id) ? persistence.getWorkshop(id) : null;
    if (!workshop || !isWorkshopId(id) || typeof workshop.publishedAt !== "number") {
      publicHeaders(reply).code(404).send(apiError("not_found", "no published workshop with this id"));
      return null;
    }
    return { ...workshop, id };
  };

  app.get<{ Params: { id: string } }>("/api/workshops/:id/publish", async (request, reply) => {
    const auth = authorize(request.params.id, request.headers.authorization, reply);
    if (!auth) return reply;
    return reply.header("cache-control", "no-store").send(statusOf(auth.id, auth.workshop.publishedAt));
  });

  for (const method of ["POST", "DELETE"] as const)
    app.route<{ Params: { id: string } }>({
      method,
      url: "/api/workshops/:id/publish",
      handler: async (request, reply) => {
        const auth = authorize(request.params.id, request.headers.authorization, reply);
        if (!auth) return reply;
        if (auth.role !== "facilitator")
          return reply
            .code(403)
            .send(apiError("forbidden", "only the facilitator may publish or unpublish a workshop"));
        const at = method === "POST" ? (auth.workshop.publishedAt ?? Date.now()) : null;
        if (!persistence.setPublished(auth.id, at))
          return reply.code(404).send(apiError("not_found", "no workshop with this id"));
        deps.logger?.info(`workshop ${auth.id}: ${method === "POST" ? "published" : "unpublished"}`);
        return reply.header("cache-control", "no-store").send(statusOf(auth.id, at));
      },
    });

  app.get("/api/public/workshops", async (_request, reply) => {
    const list: PublishedWorkshop[] = persistence
      .listPublished()
      .map((w) => ({ ...w, title: rooms.liveTitle(w.id as WorkshopId) ?? w.title }));
    return publicHeaders(reply).send(list);
  });

  app.get<{ Params: { id: string } }>("/api/public/workshops/:id", async (request, reply) => {
    const workshop = published(request.params.id, reply);
    if (!workshop) return reply;
    const report = await buildWorkshopReport(deps, workshop.id);
    const body: PublicWorkshop = {
      id: workshop.id,
      title: report.workshop.title || workshop.title,
      publishedAt: workshop.publishedAt as number,
      report,
    };
    return publicHeaders(reply).send(body);
  });

  app.get<{ Params: { id: string; format: string }; Querystring: { lang?: string } }>(
    "/api/public/workshops/:id/export.:format",
    async (request, reply) => {
      const { id, format } = request.params;
      const workshop = published(id, reply);
      if (!workshop) return reply;
      if (!isPublicFormat(format))
        return publicHeaders(reply)
          .code(404)
          .send(apiError("unknown_format", `public formats: ${PUBLIC_FORMATS.join(", ")}`));
      const lang = request.query.lang ?? "th";
      if (!isReportLocale(lang))
        return publicHeaders(reply).code(400).send(apiError("invalid_lang", 'lang must be "th" or "en"'));
      const now = Date.now();
      const report = await buildWorkshopReport(deps, workshop.id, now);
      const body = await renderExport(report, format, lang, workshop.id, {
        images: persistence.images,
        origin: requestOrigin(request, deps.publicUrl),
        published: true,
      });
      return publicHeaders(reply)
        .header("content-type", EXPORT_TYPES[format])
        .header(
          "content-disposition",
          contentDisposition(exportFilename(report.workshop.title, workshop.id, format, now)),
        )
        .send(body);
    },
  );
}
