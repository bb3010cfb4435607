import { useTranslation } from "react-i18next";
import type { ConnectionSnapshot } from "../sync/connection";

/** Online / reconnecting / offline, and how many local changes still wait for the server. */
export function ConnectionIndicator({ connection }: { connection: ConnectionSnapshot }) {
  const { t } = useTranslation();
  const { status, pending } = connection;
  return (
    <div className={`connection connection--${status}`}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__status">
        <span className="visually-hidden">{t("connection.label")}: </span>
        {t(`connection.${status}`)}
      </span>
      {pending > 0 && (
        <span className="connection__pending">{t("connection.pending", { count: pending })}</span>
      )}
    </div>
  );
}
