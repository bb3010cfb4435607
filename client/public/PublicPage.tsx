import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { imagePath } from "../../shared/protocol";
import {
  authorLabel,
  formatDate,
  personaAlt,
  type ReportLabels,
  reportLabels,
  stepAlt,
} from "../../shared/report/labels";
import type { Report, ReportNote, ReportPrototype } from "../../shared/report/model";
import { navigate } from "../router";
import { LanguageSwitcher } from "../workshop/LanguageSwitcher";
import { type Loaded, loadPublic, type PublicWorkshop, publicExportUrl } from "./api";
import "./public.css";

/** Keeps the page in step with the server: loads once, and again when the tab becomes visible. */
function usePublicWorkshop(id: string): Loaded<PublicWorkshop> {
  const [loaded, setLoaded] = useState<Loaded<PublicWorkshop>>({ state: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      void loadPublic<PublicWorkshop>(
        `/api/public/workshops/${encodeURIComponent(id)}`,
        controller.signal,
      ).then((result) => !controller.signal.aborted && setLoaded(result));
    load();
    const onVisible = () => document.visibilityState === "visible" && load();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      controller.abort();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [id]);
  return loaded;
}

function Notes({
  notes,
  report,
  labels,
}: {
  notes: readonly ReportNote[];
  report: Report;
  labels: ReportLabels;
}) {
  const { t } = useTranslation();
  if (notes.length === 0) return <p>{t("publish.noNotes")}</p>;
  return (
    <ul className="public__notes">
      {notes.map((note) => (
        <li key={note.id} className="public__note">
          {note.text}
          <span className="public__note-meta">
            {t("publish.by", { author: authorLabel(report, note.author, labels) })}
            {note.votes > 0 && ` · ${t("publish.votes", { count: note.votes })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function PublicReport({ workshop }: { workshop: PublicWorkshop }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  const labels = reportLabels(lang);
  const { report } = workshop;
  const others = (stage: string) => report.otherNotes.filter((n) => n.stage === stage);
  const otherBlock = (stage: string) =>
    others(stage).length > 0 && (
      <>
        <h3>{labels.otherNotes}</h3>
        <Notes notes={others(stage)} report={report} labels={labels} />
      </>
    );
  return (
    <article className="public" aria-labelledby="public-title">
      <h1 id="public-title">{workshop.title}</h1>
      <p className="public__meta">
        {t("publish.publishedOn", { date: formatDate(workshop.publishedAt, lang) })} · {labels.contributors}:{" "}
        {report.participants.contributors}
      </p>
      {report.workshop.challenge && (
        <p>
          <strong>{t("publish.challenge")}:</strong> {report.workshop.challenge}
        </p>
      )}
      {report.workshop.focusHmw && (
        <p>
          <strong>{labels.focus}:</strong> {report.workshop.focusHmw.text}
        </p>
      )}
      <section aria-labelledby="public-downloads">
        <h2 id="public-downloads">{t("publish.downloads")}</h2>
        <div className="public__downloads">
          <a className="button button--primary" href={publicExportUrl(workshop.id, "json", lang)} download>
            {t("publish.downloadJson")}
          </a>
          <a className="button" href={publicExportUrl(workshop.id, "csv", lang)} download>
            {t("publish.downloadCsv")}
          </a>
        </div>
        <p className="public__meta">{labels.pseudonymNote}</p>
      </section>

      <Section title={labels.stages.empathize}>
        {report.personas.length > 0 && (
          <>
            <h3>{labels.personas}</h3>
            <ul className="public__list">
              {report.personas.map((p) => (
                <li key={p.id}>
                  {p.imageId ? (
                    <span className="public__persona">
                      <img
                        className="public__persona-picture"
                        src={imagePath(workshop.id, p.imageId)}
                        alt={personaAlt(p, labels)}
                        loading="lazy"
                      />
                      <strong>{p.name}</strong>
                    </span>
                  ) : (
                    <strong>
                      {p.emoji} {p.name}
                    </strong>
                  )}
                  {p.quote && <> — “{p.quote}”</>}
                  {p.needs.text && (
                    <div>
                      {labels.needs}: {p.needs.text}
                    </div>
                  )}
                  {p.context.text && (
                    <div>
                      {labels.context}: {p.context.text}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {Object.entries(report.empathyMap).map(
          ([area, notes]) =>
            notes.length > 0 && (
              <div key={area}>
                <h3>
                  {labels.empathyMap}: {labels.areas[area as keyof ReportLabels["areas"]]}
                </h3>
                <Notes notes={notes} report={report} labels={labels} />
              </div>
            ),
        )}
        {otherBlock("empathize")}
      </Section>

      <Section title={labels.stages.define}>
        {report.povs.length > 0 && (
          <>
            <h3>{labels.povs}</h3>
            <ul className="public__list">
              {report.povs.map((p) => (
                <li key={p.id}>
                  {p.user} {labels.povNeed} {p.need} {labels.povInsight} {p.insight}
                </li>
              ))}
            </ul>
          </>
        )}
        <h3>{labels.hmw}</h3>
        <Notes notes={report.hmw} report={report} labels={labels} />
        {otherBlock("define")}
      </Section>

      <Section title={labels.stages.ideate}>
        <Notes notes={report.ideas} report={report} labels={labels} />
      </Section>

      <Section title={labels.stages.prototype}>
        {report.prototypes.length > 0 && (
          <ul className="public__list">
            {report.prototypes.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong>
                {p.description.text && <div>{p.description.text}</div>}
                {p.ideas.length > 0 && (
                  <div>
                    {labels.linkedIdeas}: {p.ideas.map((i) => i.text).join(" · ")}
                  </div>
                )}
                {p.storyboard.length > 0 && (
                  <>
                    <h4>{labels.storyboard}</h4>
                    <ol className="public__storyboard">
                      {p.storyboard.map((step) => (
                        <li key={step.id}>
                          {step.imageId && (
                            // Published workshops serve their pictures without a token.
                            <img
                              src={imagePath(workshop.id, step.imageId)}
                              alt={stepAlt(step, labels)}
                              loading="lazy"
                            />
                          )}
                          <span>{step.text}</span>
                        </li>
                      ))}
                    </ol>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {otherBlock("prototype")}
      </Section>

      <Section title={labels.stages.test}>
        {report.feedback.map((f) => (
          <div key={f.prototypeId}>
            <h3>
              {labels.feedback}: {f.prototypeTitle ?? labels.deletedPrototype}
            </h3>
            <TestResult prototype={report.prototypes.find((p) => p.id === f.prototypeId)} labels={labels} />
            {Object.entries(f.cells).map(
              ([area, notes]) =>
                notes.length > 0 && (
                  <div key={area}>
                    <h4>{labels.feedbackAreas[area as keyof ReportLabels["feedbackAreas"]]}</h4>
                    <Notes notes={notes} report={report} labels={labels} />
                  </div>
                ),
            )}
          </div>
        ))}
        {otherBlock("test")}
      </Section>
    </article>
  );
}

/** The team's test plan, result and next steps for one prototype, under its feedback. */
function TestResult({ prototype, labels }: { prototype: ReportPrototype | undefined; labels: ReportLabels }) {
  if (!prototype) return null;
  const { who, what, how } = prototype.testPlan;
  return (
    <>
      {(who || what || how) && (
        <dl className="public__plan">
          {(
            [
              [labels.testWho, who],
              [labels.testWhat, what],
              [labels.testHow, how],
            ] as const
          ).map(
            ([term, value]) =>
              value && (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ),
          )}
        </dl>
      )}
      <p>
        <strong>{labels.result}:</strong> {labels.statuses[prototype.status ?? "undecided"]}
      </p>
      {prototype.nextSteps.text && (
        <>
          <h4>{labels.nextSteps}</h4>
          <div className="public__rich">{prototype.nextSteps.text}</div>
        </>
      )}
    </>
  );
}

function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="simple-header">
        <a
          className="brand"
          href="/open"
          onClick={(event) => {
            event.preventDefault();
            navigate("/open");
          }}
        >
          {t("app.name")}
        </a>
        <LanguageSwitcher />
      </header>
      <main id="main">{children}</main>
    </div>
  );
}

export function PublicNotFound() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="public card" data-testid="public-not-found">
      <h1 ref={heading} tabIndex={-1}>
        {t("publish.notFoundTitle")}
      </h1>
      <p>{t("publish.notFoundBody")}</p>
      <a
        className="button"
        href="/open"
        onClick={(event) => {
          event.preventDefault();
          navigate("/open");
        }}
      >
        {t("publish.allPublished")}
      </a>
    </div>
  );
}

/** `/p/<id>`: the published report, readable by anyone without a token. */
export default function PublicPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const loaded = usePublicWorkshop(id);
  useEffect(() => {
    if (loaded.state === "ok") document.title = `${loaded.value.title} · ${t("app.name")}`;
  }, [loaded, t]);
  return (
    <PublicShell>
      {loaded.state === "loading" && (
        <p className="public" role="status">
          {t("publish.loading")}
        </p>
      )}
      {loaded.state === "ok" && <PublicReport workshop={loaded.value} />}
      {loaded.state === "notFound" && <PublicNotFound />}
      {loaded.state === "failed" && (
        <p className="public" role="alert">
          {t("errors.networkBody")}
        </p>
      )}
    </PublicShell>
  );
}

export { PublicShell };
