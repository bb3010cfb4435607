import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PublishControl } from "../public/PublishControl";
import { useWorkshop } from "../sync/context";
import "./report.css";

/** The formats of `GET /api/workshops/:id/export.<format>` (server/export.ts). */
export const REPORT_FORMATS = ["html", "docx", "md", "csv", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const filenameOf = (disposition: string | null, fallback: string): string => {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "")?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // Fall through to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? fallback;
};

/** Fetches one export with the bearer token and saves it through a blob link. */
export async function downloadReport(
  api: { workshopId: string; token: string },
  format: ReportFormat,
  lang: "th" | "en",
): Promise<string> {
  const url = `/api/workshops/${encodeURIComponent(api.workshopId)}/export.${format}?lang=${lang}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${api.token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `HTTP ${response.status}`);
  }
  const blob = await response.blob();
  const name = filenameOf(response.headers.get("content-disposition"), `ruamkid-report.${format}`);
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

/** "Download" menu of the workshop header: facilitator and team only (the server says 403 to others). */
export function DownloadMenu() {
  const { t, i18n } = useTranslation();
  const { api, self } = useWorkshop();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState("");
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const onPointer = (event: PointerEvent) => {
      const root = button.current?.parentElement;
      if (root && !root.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  if (!api || (self.role !== "facilitator" && self.role !== "team")) return null;

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const pick = async (format: ReportFormat) => {
    close();
    const label = t(`report.formats.${format}`);
    setStatus(t("report.working", { format: label }));
    try {
      await downloadReport(api, format, i18n.language === "en" ? "en" : "th");
      setStatus(t("report.done", { format: label }));
    } catch (error) {
      setStatus(t("report.failed", { message: error instanceof Error ? error.message : String(error) }));
    }
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") return close();
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = (index + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  return (
    <div className="report-menu">
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        {t("report.download")}
      </button>
      {open && (
        // biome-ignore lint/a11y/noStaticElementInteractions: keyboard handling for the list of buttons
        <div className="report-menu__popup" onKeyDown={onKeyDown}>
          <p className="report-menu__note">{t("report.privacy")}</p>
          <ul id={menuId} ref={menu} aria-label={t("report.menuLabel")} className="report-menu__list">
            {REPORT_FORMATS.map((format) => (
              <li key={format}>
                <button
                  type="button"
                  className="report-menu__item"
                  data-format={format}
                  onClick={() => void pick(format)}
                >
                  {t(`report.formats.${format}`)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <span className="visually-hidden" role="status">
        {status}
      </span>
      <PublishControl />
    </div>
  );
}
