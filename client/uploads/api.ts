import { IMAGE_LIMITS, type ImageUploadResponse, imagePath, imagesPath, isImageType } from "../../shared";
import type { ApiCredentials } from "../facilitation/api";
import { ApiFailure } from "../sync/api";

/** Only the role token matters for images: they carry no participant identity. */
export type ImageCredentials = Pick<ApiCredentials, "workshopId" | "token">;

/** Why an upload failed, one per message the picker shows (`uploads.errors.<reason>`). */
export type UploadFailureReason =
  | "type"
  | "size"
  | "empty"
  | "count"
  | "forbidden"
  | "unauthorized"
  | "network"
  | "server";

export class ImageUploadError extends Error {
  constructor(
    readonly reason: UploadFailureReason,
    message: string,
    /** For "size": the file's size and the limit, in bytes; `status` is 0 when the server was not reached. */
    readonly details: { size?: number; limit?: number; status?: number } = {},
  ) {
    super(message);
    this.name = "ImageUploadError";
  }
}

const REASONS: Record<string, UploadFailureReason> = {
  unsupported_image: "type",
  image_too_large: "size",
  empty_image: "empty",
  too_many_images: "count",
  forbidden: "forbidden",
  unauthorized: "unauthorized",
};

/**
 * Refuses what the server would refuse before sending a byte (a wrong type the browser already knows, a
 * file over the default limit). A file whose type the browser does not know goes up: the server reads
 * the bytes and decides.
 */
export function checkImage(file: Blob): ImageUploadError | null {
  if (file.size === 0) return new ImageUploadError("empty", "the file is empty");
  if (file.type && !isImageType(file.type))
    return new ImageUploadError("type", `only PNG, JPEG or WebP images are accepted, not ${file.type}`);
  if (file.size > IMAGE_LIMITS.maxBytes)
    return new ImageUploadError("size", "the image is too large", {
      size: file.size,
      limit: IMAGE_LIMITS.maxBytes,
    });
  return null;
}

/** `POST /api/workshops/:id/images`; throws `ImageUploadError` with a reason the UI can translate. */
export async function uploadImage(credentials: ImageCredentials, file: Blob): Promise<ImageUploadResponse> {
  const refused = checkImage(file);
  if (refused) throw refused;
  let response: Response;
  try {
    response = await fetch(imagesPath(credentials.workshopId), {
      method: "POST",
      headers: {
        authorization: `Bearer ${credentials.token}`,
        "content-type": file.type || "application/octet-stream",
      },
      body: file,
    });
  } catch (error) {
    throw new ImageUploadError("network", error instanceof Error ? error.message : "network error", {
      status: 0,
    });
  }
  if (response.ok) return (await response.json()) as ImageUploadResponse;
  const body = (await response.json().catch(() => ({}))) as {
    error?: unknown;
    message?: unknown;
    maxBytes?: unknown;
  };
  const message = typeof body.message === "string" && body.message ? body.message : response.statusText;
  const reason = (typeof body.error === "string" && REASONS[body.error]) || "server";
  const limit = typeof body.maxBytes === "number" ? body.maxBytes : undefined;
  throw new ImageUploadError(reason, message || `HTTP ${response.status}`, {
    status: response.status,
    size: file.size,
    ...(limit === undefined ? {} : { limit }),
  });
}

/** The bytes of a stored image, read with the role token; `ApiFailure` (status 0 = offline) otherwise. */
export async function fetchImage(credentials: ImageCredentials, imageId: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(imagePath(credentials.workshopId, imageId), {
      headers: { authorization: `Bearer ${credentials.token}` },
    });
  } catch (error) {
    throw new ApiFailure(0, error instanceof Error ? error.message : "network error");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: unknown; message?: unknown };
    throw new ApiFailure(
      response.status,
      typeof body.message === "string" ? body.message : response.statusText,
      typeof body.error === "string" ? body.error : null,
    );
  }
  return response.blob();
}

/** "850 KB", "4.2 MB": for messages; rounded like the server's (sizes up, limits down). */
export function sizeParts(bytes: number, round: (n: number) => number = Math.ceil) {
  if (bytes < 1024) return { unit: "bytes", value: String(bytes) } as const;
  if (bytes < 1024 * 1024) return { unit: "kib", value: String(round((bytes / 1024) * 10) / 10) } as const;
  return { unit: "mib", value: String(round((bytes / (1024 * 1024)) * 10) / 10) } as const;
}
