import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { stringify } from "csv-stringify/sync";
import type { FastifyInstance, FastifyRequest } from "fastify";
import * as Y from "yjs";
import type { WorkshopId } from "../shared/ids";
import {
  type ApiError,
  contentRoom,
  controlRoom,
  imagePath,
  isImageType,
  type Role,
} from "../shared/protocol";
import {
  buildReport,
  CSV_COLUMNS,
  csvRows,
  isReportLocale,
  type Report,
  type ReportLocale,
  type ReportParticipant,
  renderHtml,
  renderMarkdown,
  toOpenData,
} from "../shared/report";
import type { StageId } from "../shared/schema";
import { isStage } from "../shared/validate";
import { type EmbeddedImage, renderDocx } from "./export-docx";
import type { ImageStore } from "./image-store";
import type { Logger } from "./log";
import type { Persistence } from "./persistence/types";
import { authorizeRequest } from "./replies";
import type { RoomManager } from "./rooms";

/**
 * `GET /api/workshops/:id/export.{html,md,docx,json,csv}` (`?lang=th|en`, Thai by default) with the
 * facilitator's or the team's bearer token. The report is built from the room's current documents
 * (copied out of the live rooms, loaded from storage when nobody is in them), always pseudonymized and
 * without hidden notes: citizens get 403, observers too unless the workshop is published.
 */

export const EXPORT_FORMATS = ["html", "md", "docx", "json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const isExportFormat = (value: unknown): value is ExportFormat =>
  EXPORT_FORMATS.includes(value as ExportFormat);

export const EXPORT_ROLES: readonly Role[] = ["facilitator", "team"];

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
};

export interface ExportApiDeps {
  persistence: Persistence;
  rooms: RoomManager;
  logger?: Logger | undefined;
  /** The configured public origin (`PUBLIC_URL`), preferred over the request's for links to images. */
  publicUrl?: string | null | undefined;
}

/** What rendering needs beyond the report: the workshop's pictures, and whether links to them work. */
export interface ExportContext {
  /** The stored images: HTML and Word embed the personas' and storyboards' pictures from here. */
  images?: ImageStore | undefined;
  /** This server's origin as its users reach it (`https://host`), null when unknown. */
  origin?: string | null | undefined;
  /** Only a published workshop's images can be read without a token, so only they get links. */
  published?: boolean | undefined;
}

/**
 * Raw image bytes one export embeds at most; pictures past it stay "(picture)" notes. A workshop may
 * hold hundreds of images of megabytes each, and an HTML export holds them all in one base64 string.
 */
export const EMBED_BYTES = 64 * 1024 * 1024;

/**
 * The stored pictures the report's personas and storyboards show (each once), as long as they fit in
 * `budget`: taken in the report's order, so the budget runs out at the end of the document, not the start.
 */
export function reportImages(
  report: Report,
  store: ImageStore | undefined,
  workshopId: string,
  budget = EMBED_BYTES,
): Map<string, EmbeddedImage> {
  const out = new Map<string, EmbeddedImage>();
  if (!store) return out;
  let left = budget;
  const ids = [
    ...report.personas.map((persona) => persona.imageId),
    ...report.prototypes.flatMap((prototype) => prototype.storyboard.map((step) => step.imageId)),
  ];
  for (const imageId of ids) {
    if (!imageId || out.has(imageId)) continue;
    const image = store.get(workshopId, imageId);
    if (!image || !isImageType(image.type) || image.bytes > left) continue;
    left -= image.bytes;
    out.set(imageId, { type: image.type, data: image.data });
  }
  return out;
}

const dataUri = (image: EmbeddedImage) =>
  `data:${image.type};base64,${Buffer.from(image.data).toString("base64")}`;

// What a host[:port] can look like, as for the links server/api.ts hands out.
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** The origin to put in links: the configured public one, else the request's; null for a strange Host. */
export function requestOrigin(request: FastifyRequest, publicUrl?: string | null): string | null {
  if (publicUrl) return publicUrl;
  const host = request.host;
  return host && HOST.test(host) ? `${request.protocol}://${host}` : null;
}

const apiError = (error: string, message: string): ApiError => ({ error, message });

const require = createRequire(import.meta.url);
let fontCss: string | null = null;

/** Sarabun (Thai + Latin, regular and bold) as data URLs, so the standalone HTML file needs no network. */
export function sarabunFontCss(): string {
  if (fontCss !== null) return fontCss;
  const faces: string[] = [];
  const ranges: Record<string, string> = {
    thai: "U+02D7, U+0303, U+0331, U+0E01-0E5B, U+200C-200D, U+25CC",
    latin:
      "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD",
  };
  try {
    for (const subset of ["thai", "latin"])
      for (const weight of [400, 700]) {
        const file = require.resolve(`@fontsource/sarabun/files/sarabun-${subset}-${weight}-normal.woff2`);
        const data = readFileSync(file).toString("base64");
        faces.push(
          `@font-face{font-family:"Sarabun";font-style:normal;font-weight:${weight};font-display:swap;src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${ranges[subset]};}`,
        );
      }
  } catch {
    // No font package: the page falls back to the system's Thai fonts.
  }
  fontCss = faces.join("\n");
  return fontCss;
}

/** A copy of a room's current document (the live room when loaded; from storage otherwise). */
async function copyRoom(rooms: RoomManager, room: string): Promise<Y.Doc> {
  const state = await rooms.change(room, (doc) => Y.encodeStateAsUpdate(doc));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Who took part, with roles, from the update log's attribution (participants who wrote anything). */
function participantsOf(persistence: Persistence, id: WorkshopId): ReportParticipant[] {
  const out = new Map<string, ReportParticipant>();
  for (const room of [contentRoom(id), controlRoom(id)])
    for (const row of persistence.listUpdateAuthors(room))
      if (row.participantId && !out.has(row.participantId))
        out.set(row.participantId, { id: row.participantId, role: row.role });
  return [...out.values()];
}

/** When each stage was entered: the history's stage-change snapshots, oldest first. */
function stageTimeline(persistence: ExportApiDeps["persistence"], id: WorkshopId) {
  const entries = persistence.history?.list(id) ?? [];
  return entries
    .filter((entry) => entry.reason === "stage" && isStage(entry.stage))
    .map((entry) => ({ stage: entry.stage as StageId, at: entry.at }))
    .sort((a, b) => a.at - b.at);
}

/** The report of a workshop as the server has it now. */
export async function buildWorkshopReport(
  deps: Pick<ExportApiDeps, "persistence" | "rooms">,
  id: WorkshopId,
  now = Date.now(),
): Promise<Report> {
  const content = await copyRoom(deps.rooms, contentRoom(id));
  const control = await copyRoom(deps.rooms, controlRoom(id));
  try {
    return buildReport(
      { content, control },
      {
        pseudonymize: true,
        includeHidden: false,
        participants: participantsOf(deps.persistence, id),
        history: stageTimeline(deps.persistence, id),
        now,
      },
    );
  } finally {
    content.destroy();
    control.destroy();
  }
}

/** A filename from the title: letters (Thai too) and digits kept, the rest dashes. */
export function exportFilename(title: string, id: string, format: ExportFormat, now = Date.now()): string {
  const base =
    title
      .normalize("NFC")
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "workshop";
  const day = new Date(now).toISOString().slice(0, 10);
  return `ruamkid-${base}-${id}-${day}.${format}`;
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name (Thai titles survive in every current browser). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function renderExport(
  report: Report,
  format: ExportFormat,
  locale: ReportLocale,
  id: string,
  context: ExportContext = {},
): Promise<string | Buffer> {
  const origin = context.origin;
  // Markdown and open data link to pictures (they cannot carry bytes); a private workshop's images need
  // a token, which an export never holds, so they get no link.
  const imageUrl =
    context.published && origin ? (imageId: string) => `${origin}${imagePath(id, imageId)}` : undefined;
  switch (format) {
    case "html": {
      const images = new Map(
        [...reportImages(report, context.images, id)].map(([imageId, image]) => [imageId, dataUri(image)]),
      );
      return renderHtml(report, locale, { fontCss: sarabunFontCss(), images });
    }
    case "md":
      return renderMarkdown(report, locale, imageUrl ? { imageUrl } : {});
    case "json":
      return `${JSON.stringify(toOpenData(report, { id, ...(imageUrl ? { imageUrl } : {}) }), null, 2)}\n`;
    case "csv":
      // UTF-8 with a byte-order mark: Excel opens Thai text correctly only with it.
      return `\uFEFF${stringify(csvRows(report, locale), { header: true, columns: [...CSV_COLUMNS], record_delimiter: "\r\n" })}`;
    case "docx":
      return renderDocx(report, locale, reportImages(report, context.images, id));
  }
}

export function registerExportApi(app: FastifyInstance, deps: ExportApiDeps): void {
  const { persistence } = deps;

  app.get<{ Params: { id: string; format: string }; Querystring: { lang?: string } }>(
    "/api/workshops/:id/export.:format",
    async (request, reply) => {
      const { format } = request.params;
      const auth = authorizeRequest(persistence, request.params.id, request.headers.authorization, reply);
      if (!auth) return reply;
      const { id, workshop, role } = auth;
      const published = typeof workshop.publishedAt === "number";
      // Observers may export what is public anyway: a published workshop (server/publish.ts).
      if (!EXPORT_ROLES.includes(role) && !(role === "observer" && published))
        return reply
          .code(403)
          .send(
            apiError("forbidden", "only the facilitator and the team may export (observers once published)"),
          );
      if (!isExportFormat(format))
        return reply
          .code(404)
          .send(apiError("unknown_format", `export formats: ${EXPORT_FORMATS.join(", ")}`));
      const lang = request.query.lang ?? "th";
      if (!isReportLocale(lang))
        return reply.code(400).send(apiError("invalid_lang", 'lang must be "th" or "en"'));
      const now = Date.now();
      const report = await buildWorkshopReport(deps, id, now);
      const body = await renderExport(report, format, lang, id, {
        images: persistence.images,
        origin: requestOrigin(request, deps.publicUrl),
        published,
      });
      deps.logger?.info(`workshop ${id}: ${format} export by ${role}`);
      return reply
        .header("content-type", EXPORT_TYPES[format])
        .header(
          "content-disposition",
          contentDisposition(exportFilename(report.workshop.title, id, format, now)),
        )
        .header("cache-control", "no-store")
        .send(body);
    },
  );
}
