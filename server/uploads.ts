import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fileTypeFromBuffer } from "file-type";
import { nanoid } from "nanoid";
import { isWorkshopId } from "../shared/ids";
import {
  IMAGE_LIMITS,
  type ImageType,
  type ImageUploadResponse,
  isImageId,
  isImageType,
} from "../shared/protocol";
import { createMemoryImageStore } from "./image-store";
import type { Logger } from "./log";
import type { Persistence } from "./persistence/types";
import { type Authorized, apiError, authorizeRequest } from "./replies";

export interface UploadsApiDeps {
  persistence: Persistence;
  logger?: Logger | undefined;
  /** Largest image accepted, in bytes (default 5 MiB). */
  maxBytes?: number | undefined;
  /** Images one workshop may hold (default 500; 0 = no limit), so a team cannot fill the disk. */
  perWorkshop?: number | undefined;
}

const KiB = 1024;
const MiB = 1024 * 1024;

/** "5 MiB", "5.01 MiB", "0.9 KiB": sizes round up and limits down, so a refused file never reads as fitting. */
export function formatSize(bytes: number, round: (n: number) => number = Math.ceil): string {
  if (bytes < KiB) return `${bytes} bytes`;
  if (bytes < MiB) return `${round((bytes / KiB) * 10) / 10} KiB`;
  return `${round((bytes / MiB) * 100) / 100} MiB`;
}

/** What file-type reports that we store, and as what: an animated PNG is still a PNG to every browser. */
function storedType(mime: string | undefined): ImageType | null {
  if (mime === "image/apng") return "image/png";
  return isImageType(mime) ? mime : null;
}

/**
 * Images of prototype storyboards and persona cards, stored by the server.
 *
 * - `POST /api/workshops/:id/images`: the raw file as the body (any content type: the type is read from
 *   the bytes, never from the header or a name); facilitator or team token. 201 `ImageUploadResponse`;
 *   401/404 as every token route, 403 `forbidden` for citizens and observers, 400 `empty_image`,
 *   413 `image_too_large`, 415 `unsupported_image`, 409 `too_many_images`.
 * - `GET /api/workshops/:id/images/:imageId`: the bytes, with any token of the workshop, or with none
 *   while the workshop is published (its public page shows them). 404 for an image of another workshop.
 */
export function registerUploadsApi(app: FastifyInstance, deps: UploadsApiDeps): void {
  const { persistence, logger } = deps;
  const store = persistence.images ?? createMemoryImageStore();
  const maxBytes = deps.maxBytes ?? IMAGE_LIMITS.maxBytes;
  const perWorkshop = deps.perWorkshop ?? IMAGE_LIMITS.perWorkshop;
  const authorized = new WeakMap<FastifyRequest, Authorized>();

  const tooLarge = (reply: FastifyReply, bytes: number | null) =>
    reply.code(413).send({
      ...apiError(
        "image_too_large",
        `the image is ${bytes === null ? "too large" : formatSize(bytes)}; the limit is ${formatSize(maxBytes, Math.floor)}`,
      ),
      maxBytes,
    });

  const isFull = (workshopId: string) => perWorkshop > 0 && store.count(workshopId) >= perWorkshop;
  const refuseFull = (reply: FastifyReply) =>
    reply
      .code(409)
      .send(
        apiError(
          "too_many_images",
          `this workshop already holds ${perWorkshop} images, the most it can; no more can be added`,
        ),
      );

  // Its own scope: the catch-all raw-bytes parser and the 413 wording must not reach the JSON routes.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: { code?: string }, request, reply) => {
      if (error.code !== "FST_ERR_CTP_BODY_TOO_LARGE") throw error;
      const declared = Number(request.headers["content-length"]);
      return tooLarge(reply, Number.isSafeInteger(declared) && declared > maxBytes ? declared : null);
    });

    scope.post<{ Params: { id: string } }>(
      "/api/workshops/:id/images",
      {
        bodyLimit: maxBytes,
        // Who may upload is settled before the body is read: a refused upload never costs its bytes.
        onRequest: async (request, reply) => {
          const auth = authorizeRequest(persistence, request.params.id, request.headers.authorization, reply);
          if (!auth) return reply;
          if (auth.role !== "facilitator" && auth.role !== "team")
            return reply
              .code(403)
              .send(apiError("forbidden", "only the facilitator and team can add images to a workshop"));
          if (isFull(auth.id)) return refuseFull(reply);
          authorized.set(request, auth);
        },
      },
      async (request, reply) => {
        const auth = authorized.get(request);
        if (!auth) throw new Error("upload reached its handler without authorization");
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          return reply
            .code(400)
            .send(apiError("empty_image", "the request body is empty; send the image file"));
        if (body.length > maxBytes) return tooLarge(reply, body.length);
        let detected: string | undefined;
        try {
          detected = (await fileTypeFromBuffer(body))?.mime;
        } catch {
          // A malformed file can trip a detector deep inside; it is simply not an image we accept.
          detected = undefined;
        }
        const type = storedType(detected);
        if (!type)
          return reply
            .code(415)
            .send(
              apiError(
                "unsupported_image",
                `only PNG, JPEG or WebP images are accepted; this file looks like ${detected ?? "unknown"}`,
              ),
            );
        // Again after the await: concurrent uploads may have filled the workshop meanwhile.
        if (isFull(auth.id)) return refuseFull(reply);
        const id = nanoid();
        store.put({
          workshopId: auth.id,
          id,
          type,
          bytes: body.length,
          data: body,
          createdAt: Date.now(),
          uploaderRole: auth.role,
        });
        logger?.info(
          `workshop ${auth.id}: image ${id} (${type}, ${body.length} bytes) added by ${auth.role}`,
        );
        const answer: ImageUploadResponse = { id, type, bytes: body.length };
        return reply.code(201).header("cache-control", "no-store").send(answer);
      },
    );

    scope.get<{ Params: { id: string; imageId: string } }>(
      "/api/workshops/:id/images/:imageId",
      async (request, reply) => {
        const { id, imageId } = request.params;
        let open = false;
        if (request.headers.authorization !== undefined) {
          if (!authorizeRequest(persistence, id, request.headers.authorization, reply)) return reply;
        } else {
          const workshop = isWorkshopId(id) ? persistence.getWorkshop(id) : null;
          if (!workshop) return reply.code(404).send(apiError("not_found", "no workshop with this id"));
          if (typeof workshop.publishedAt !== "number")
            return reply
              .code(401)
              .header("www-authenticate", "Bearer")
              .send(apiError("unauthorized", "a valid token for this workshop is required"));
          open = true;
        }
        const image = isImageId(imageId) ? store.get(id, imageId) : null;
        if (!image)
          return reply.code(404).send(apiError("not_found", "no image with this id in this workshop"));
        // With a token the bytes never change, so browsers may keep them; without one, an unpublish
        // must take them off the public page at once, as every other public answer.
        if (open) reply.header("cache-control", "no-store").header("access-control-allow-origin", "*");
        else reply.header("cache-control", "private, max-age=31536000, immutable");
        return reply
          .type(image.type)
          .header("x-content-type-options", "nosniff")
          .header("content-disposition", "inline")
          .send(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength));
      },
    );
  });
}
