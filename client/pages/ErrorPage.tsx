import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { navigate } from "../router";
import { LanguageSwitcher } from "../workshop/LanguageSwitcher";

export type ErrorKind = "notFound" | "unauthorized" | "noLink" | "network" | "revoked";

const TEXT = {
  notFound: ["errors.notFoundTitle", "errors.notFoundBody"],
  unauthorized: ["errors.unauthorizedTitle", "errors.unauthorizedBody"],
  noLink: ["errors.noLinkTitle", "errors.noLinkBody"],
  network: ["errors.networkTitle", "errors.networkBody"],
  revoked: ["errors.unauthorizedTitle", "errors.revokedBody"],
} as const;

export function ErrorPage({ kind, onRetry }: { kind: ErrorKind; onRetry?: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const [title, body] = TEXT[kind];
  return (
    <div className="page page--center">
      <header className="simple-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="card error-card">
        <h1 ref={headingRef} tabIndex={-1}>
          {t(title)}
        </h1>
        <p>{t(body)}</p>
        <div className="actions">
          {onRetry && (
            <button type="button" className="button button--primary" onClick={onRetry}>
              {t("errors.retry")}
            </button>
          )}
          <a
            className="button"
            href="/"
            onClick={(event) => {
              event.preventDefault();
              navigate("/");
            }}
          >
            {t("errors.home")}
          </a>
        </div>
      </main>
    </div>
  );
}
