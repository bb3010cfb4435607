import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../shared/report/labels";
import { navigate } from "../router";
import { type Loaded, loadPublic, type PublishedWorkshop } from "./api";
import { PublicShell } from "./PublicPage";

/** `/open`: every published workshop, newest first. */
export default function OpenPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  const [loaded, setLoaded] = useState<Loaded<PublishedWorkshop[]>>({ state: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    void loadPublic<PublishedWorkshop[]>("/api/public/workshops", controller.signal).then(
      (result) => !controller.signal.aborted && setLoaded(result),
    );
    document.title = `${t("publish.openTitle")} · ${t("app.name")}`;
    return () => controller.abort();
  }, [t]);
  return (
    <PublicShell>
      <div className="public">
        <h1>{t("publish.openTitle")}</h1>
        <p>{t("publish.openIntro")}</p>
        {loaded.state === "loading" && <p role="status">{t("publish.loading")}</p>}
        {loaded.state === "ok" && loaded.value.length === 0 && <p>{t("publish.openEmpty")}</p>}
        {loaded.state === "ok" && loaded.value.length > 0 && (
          <ul className="public__list">
            {loaded.value.map((w) => (
              <li key={w.id}>
                <a
                  href={`/p/${encodeURIComponent(w.id)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(`/p/${encodeURIComponent(w.id)}`);
                  }}
                >
                  {w.title}
                </a>{" "}
                <span className="public__meta">
                  {t("publish.publishedOn", { date: formatDate(w.publishedAt, lang) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </PublicShell>
  );
}
