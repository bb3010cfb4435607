import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role, type RoleLinks } from "../../shared";
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

function QrCode({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Loaded on demand: only facilitators who ask for a QR code pay for the encoder.
    import("qrcode")
      .then((qr) => qr.toDataURL(text, { margin: 1, width: 200, errorCorrectionLevel: "M" }))
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img className="share__qr" src={src} alt={alt} width={200} height={200} /> : null;
}

/** The four role links with copy buttons, for facilitators. */
export function SharePanel({ links, onClose }: { links: RoleLinks; onClose(): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<Role | null>(null);
  const [qr, setQr] = useState<Role | null>(null);

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
        if (event.key === "Escape") onClose();
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
              {qr === role && <QrCode text={link} alt={t("share.qrAlt", { role: roleName })} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
