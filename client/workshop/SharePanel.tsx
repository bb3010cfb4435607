import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role, type RoleLinks } from "../../shared";
import { ApiFailure } from "../sync/api";
import { useAnnounce } from "./Announcer";

/** Same-origin version of a link: the server may build links with its own host behind the dev proxy. */
export function localLink(link: string): string {
  try {
    const url = new URL(link, window.location.origin);
    return `${window.location.origin}${url.pathname}${url.hash}`;
  } catch {
    return link;
  }
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A QR code as an image; the encoder is loaded on demand, so only facilitators pay for it. */
export function QrCode({
  text,
  alt,
  size,
  className,
}: {
  text: string;
  alt: string;
  size: number;
  className: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import("qrcode")
      .then((qr) =>
        // Black on white with the standard quiet zone: scannable from the back of a room off a projector.
        qr.toDataURL(text, {
          margin: 4,
          width: size,
          errorCorrectionLevel: "M",
          color: { dark: "#000000", light: "#ffffff" },
        }),
      )
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? (
    <img className={className} src={src} alt={alt} width={size} height={size} data-qr-text={text} />
  ) : (
    <span className={`${className} qr--loading`} />
  );
}

/** The citizen link's QR code filling the screen, for projecting; Escape or the button closes it. */
export function LargeQr({ link, onClose }: { link: string; onClose(): void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onCloseRef.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const url = (() => {
    try {
      return new URL(link);
    } catch {
      return null;
    }
  })();
  return (
    <div className="qr-large" role="dialog" aria-modal="true" aria-labelledby="qr-large-heading">
      <h2 id="qr-large-heading" className="qr-large__heading">
        {t("share.largeHeading")}
      </h2>
      <QrCode
        text={link}
        alt={t("share.qrAlt", { role: t("roles.citizen.name") })}
        size={1024}
        className="qr-large__code"
      />
      <p className="qr-large__link">
        {url ? (
          <>
            <strong>{`${url.host}${url.pathname}`}</strong>
            <span className="qr-large__token">{url.hash}</span>
          </>
        ) : (
          link
        )}
      </p>
      <button ref={closeRef} type="button" className="button qr-large__close" onClick={onClose}>
        {t("share.largeClose")}
      </button>
    </div>
  );
}

/** "New link" for one role: a confirm step saying the old link stops working at once. */
function RotateLink({ role, onRotate }: { role: Role; onRotate(role: Role): Promise<unknown> }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [step, setStep] = useState<"idle" | "confirm" | "busy">("idle");
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const roleName = t(`roles.${role}.name`);
  const bodyId = `rotate-body-${role}`;

  useEffect(() => {
    if (step === "confirm") confirmRef.current?.focus();
  }, [step]);

  const confirm = async () => {
    setStep("busy");
    setError(null);
    try {
      await onRotate(role);
      setStep("idle");
      announce(t("share.rotated", { role: roleName }));
    } catch (failure) {
      setStep("confirm");
      const message =
        failure instanceof ApiFailure && failure.status !== 0 ? failure.message : t("errors.networkBody");
      setError(t("share.rotateFailed", { message }));
    }
  };

  if (step === "idle")
    return (
      <button
        type="button"
        className="button button--ghost share__rotate"
        aria-label={t("share.rotateLabel", { role: roleName })}
        onClick={() => setStep("confirm")}
      >
        {t("share.rotate")}
      </button>
    );
  return (
    <fieldset className="share__confirm" aria-describedby={bodyId}>
      <legend className="share__confirm-title">{t("share.rotateConfirmTitle", { role: roleName })}</legend>
      <p id={bodyId}>
        {t(role === "facilitator" ? "share.rotateConfirmSelf" : "share.rotateConfirmBody", {
          role: roleName,
        })}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="share__confirm-actions">
        <button
          ref={confirmRef}
          type="button"
          className="button button--danger"
          disabled={step === "busy"}
          onClick={confirm}
        >
          {step === "busy" ? t("share.rotating") : t("share.rotateConfirm")}
        </button>
        <button type="button" className="button" disabled={step === "busy"} onClick={() => setStep("idle")}>
          {t("share.cancel")}
        </button>
      </div>
    </fieldset>
  );
}

interface Props {
  links: RoleLinks;
  onClose(): void;
  /** Replaces a role's link (facilitators); the panel then shows the links it is given. */
  onRotate?: ((role: Role) => Promise<unknown>) | undefined;
}

/** The citizen QR code (large on demand) and the four role links with copy and "new link" buttons. */
export function SharePanel({ links, onClose, onRotate }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const showLargeRef = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState<Role | null>(null);
  const [qr, setQr] = useState<Role | null>(null);
  const [large, setLarge] = useState(false);
  const citizenLink = localLink(links.citizen);

  useEffect(() => headingRef.current?.focus(), []);

  const copy = async (role: Role, link: string) => {
    const roleName = t(`roles.${role}.name`);
    if (await copyText(link)) {
      setCopied(role);
      announce(t("share.copied", { role: roleName }));
    } else {
      announce(t("share.copyFailed"));
    }
  };

  return (
    <section
      className="share"
      aria-labelledby="share-heading"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !large) onClose();
      }}
    >
      <div className="share__top">
        <h2 id="share-heading" ref={headingRef} tabIndex={-1}>
          {t("share.heading")}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t("share.close")}
          title={t("share.close")}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div className="share__citizen">
        <QrCode
          text={citizenLink}
          alt={t("share.qrAlt", { role: t("roles.citizen.name") })}
          size={160}
          className="share__qr share__qr--citizen"
        />
        <div>
          <p className="share__citizen-title">{t("share.citizenQr")}</p>
          <button
            ref={showLargeRef}
            type="button"
            className="button button--primary"
            onClick={() => setLarge(true)}
          >
            {t("share.showLarge")}
          </button>
        </div>
      </div>
      <p className="share__intro">{t("share.intro")}</p>
      <ul className="share__list">
        {ROLES.map((role) => {
          const link = localLink(links[role]);
          const roleName = t(`roles.${role}.name`);
          const inputId = `share-link-${role}`;
          return (
            <li key={role} className={`share__item share__item--${role}`}>
              <label htmlFor={inputId} className="share__role">
                {t("share.linkLabel", { role: roleName })}
              </label>
              <p className="share__desc">{t(`roles.${role}.desc`)}</p>
              <div className="share__row">
                <input
                  id={inputId}
                  className="share__link"
                  type="text"
                  readOnly
                  value={link}
                  onFocus={(event) => event.currentTarget.select()}
                />
                <button type="button" className="button" onClick={() => copy(role, link)}>
                  {copied === role && <span aria-hidden="true">✓ </span>}
                  {t("share.copy", { role: roleName })}
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t("share.showQr", { role: roleName })}
                  title={t("share.showQr", { role: roleName })}
                  aria-expanded={qr === role}
                  onClick={() => setQr(qr === role ? null : role)}
                >
                  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                    <path
                      fill="currentColor"
                      d="M3 3h8v8H3V3zm2 2v4h4V5H5zm8-2h8v8h-8V3zm2 2v4h4V5h-4zM3 13h8v8H3v-8zm2 2v4h4v-4H5zm8-2h2v2h-2v-2zm4 0h4v2h-4v-2zm-4 4h4v4h-4v-4zm6 0h2v4h-2v-4z"
                    />
                  </svg>
                </button>
              </div>
              {onRotate && <RotateLink role={role} onRotate={onRotate} />}
              {qr === role && (
                <QrCode
                  text={link}
                  alt={t("share.qrAlt", { role: roleName })}
                  size={200}
                  className="share__qr"
                />
              )}
            </li>
          );
        })}
      </ul>
      {large && (
        <LargeQr
          link={citizenLink}
          onClose={() => {
            setLarge(false);
            showLargeRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}
