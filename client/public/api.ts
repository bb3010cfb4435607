import type { Report } from "../../shared/report/model";

/** `GET /api/public/workshops/:id` (server/publish.ts). */
export interface PublicWorkshop {
  id: string;
  title: string;
  publishedAt: number;
  report: Report;
}

/** `GET /api/public/workshops` (server/publish.ts). */
export interface PublishedWorkshop {
  id: string;
  title: string;
  publishedAt: number;
}

export type Loaded<T> = { state: "loading" } | { state: "ok"; value: T } | { state: "notFound" | "failed" };

/** Fetches a public JSON resource: no token, never cached (an unpublish must show at once). */
export async function loadPublic<T>(path: string, signal: AbortSignal): Promise<Loaded<T>> {
  try {
    const response = await fetch(path, { signal, cache: "no-store" });
    if (response.status === 404) return { state: "notFound" };
    if (!response.ok) return { state: "failed" };
    return { state: "ok", value: (await response.json()) as T };
  } catch {
    return { state: "failed" };
  }
}

export const publicExportUrl = (id: string, format: "json" | "csv", lang: "th" | "en") =>
  `/api/public/workshops/${encodeURIComponent(id)}/export.${format}?lang=${lang}`;
