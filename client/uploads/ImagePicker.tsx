import "./uploads.css";
import { type ChangeEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { IMAGE_LIMITS, type ImageUploadResponse } from "../../shared";
import { useWorkshop } from "../sync/context";
import { ImageUploadError, sizeParts, uploadImage } from "./api";

type Status = { kind: "idle" } | { kind: "busy" } | { kind: "done" } | { kind: "error"; message: string };

/**
 * A file input that uploads the chosen image to the server and hands back its id. Citizens and
 * observers may not add images (the server refuses them), so they get no picker at all.
 */
export function ImagePicker({
  label,
  onUploaded,
  className,
}: {
  label: string;
  onUploaded: (imageId: string, image: ImageUploadResponse) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const { api, self, readOnly } = useWorkshop();
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const id = useId();
  if (self.role !== "facilitator" && self.role !== "team") return null;

  const size = (bytes: number, round?: (n: number) => number) => {
    const { unit, value } = sizeParts(bytes, round);
    return t(`uploads.size.${unit}`, { value });
  };
  const limit = size(IMAGE_LIMITS.maxBytes, Math.floor);

  const describe = (error: unknown): string => {
    if (!(error instanceof ImageUploadError)) return t("uploads.errors.server", { message: String(error) });
    switch (error.reason) {
      case "size":
        return t("uploads.errors.size", {
          size: size(error.details.size ?? 0),
          limit: size(error.details.limit ?? IMAGE_LIMITS.maxBytes, Math.floor),
        });
      case "server":
        return t("uploads.errors.server", { message: error.message });
      default:
        return t(`uploads.errors.${error.reason}`);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again (after fixing it, or to retry) fires a change.
    input.value = "";
    if (!file || !api) return;
    setStatus({ kind: "busy" });
    try {
      const image = await uploadImage(api, file);
      setStatus({ kind: "done" });
      onUploaded(image.id, image);
    } catch (error) {
      setStatus({ kind: "error", message: describe(error) });
    }
  };

  const disabled = !api || readOnly || status.kind === "busy";
  return (
    <div className={["image-picker", className].filter(Boolean).join(" ")}>
      <label className={`button button--small image-picker__button${disabled ? " is-disabled" : ""}`}>
        <input
          type="file"
          className="visually-hidden"
          accept={IMAGE_LIMITS.accept}
          disabled={disabled}
          aria-describedby={status.kind === "error" ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={choose}
        />
        {label}
      </label>
      <span id={`${id}-hint`} className="image-picker__hint">
        {t("uploads.picker.hint", { limit })}
      </span>
      <span className="image-picker__status" role="status">
        {status.kind === "busy"
          ? t("uploads.picker.uploading")
          : status.kind === "done"
            ? t("uploads.picker.uploaded")
            : ""}
      </span>
      {status.kind === "error" && (
        <p id={`${id}-error`} className="field-error image-picker__error" role="alert">
          {status.message}
        </p>
      )}
    </div>
  );
}
