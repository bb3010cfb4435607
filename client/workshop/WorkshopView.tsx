import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { moveToStage, type Role, type RoleLinks } from "../../shared";
import { FacilitationBar } from "../facilitation/FacilitationBar";
import { UndoControls } from "../history/UndoControls";
import { FocusBanner } from "../methods/Define";
import { StageViews } from "../methods/StageViews";
import { canSteer } from "../permissions";
import { DownloadMenu } from "../report/DownloadMenu";
import { useSession } from "../state/session";
import type { ConnectionSnapshot } from "../sync/connection";
import { useWorkshop } from "../sync/context";
import { useMeta } from "../sync/useDoc";
import { usePeers, usePublishPresence } from "../sync/usePresence";
import { TemplatePrompt } from "../templates/TemplatePrompt";
import { useAnnounce } from "./Announcer";
import { ConnectionIndicator } from "./ConnectionIndicator";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { MetaEditor } from "./MetaEditor";
import { PresenceBar } from "./PresenceBar";
import { SharePanel } from "./SharePanel";
import { panelId, StageTabs, tabId } from "./StageTabs";
import { useStickyHeight } from "./useStickyHeight";

interface Props {
  /** Title from the session check, shown until the control document has synced. */
  fallbackTitle?: string;
  links?: RoleLinks | undefined;
  connection?: ConnectionSnapshot | undefined;
  /** Facilitators: replaces one role's link (the share panel's "new link"). */
  onRotate?: ((role: Role) => Promise<unknown>) | undefined;
}

/** The workshop screen: header (title, presence, connection, share, language), stage tabs, board. */
export function WorkshopView({ fallbackTitle = "", links, connection, onRotate }: Props) {
  const { t } = useTranslation();
  const { docs, awareness, self, readOnly } = useWorkshop();
  const meta = useMeta(docs.control);
  const stage = useSession((s) => s.stage);
  const setStage = useSession((s) => s.setStage);
  const shareOpen = useSession((s) => s.shareOpen);
  const setShareOpen = useSession((s) => s.setShareOpen);
  const peers = usePeers(awareness);
  usePublishPresence(awareness, self, stage);
  const shareButton = useRef<HTMLButtonElement>(null);
  const title = meta.title || fallbackTitle;
  const steer = canSteer(self.role);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  useStickyHeight(bar, root, "--workshop-bar-h");

  useEffect(() => {
    document.title = title ? `${title} — ${t("app.name")}` : t("app.name");
  }, [title, t]);

  const announce = useAnnounce();
  const lastStatus = useRef(connection?.status);
  useEffect(() => {
    const status = connection?.status;
    if (!status || status === lastStatus.current) return;
    // The first connection is expected; announce only changes after it.
    if (lastStatus.current !== "connecting" || status !== "online") {
      announce(t("connection.announce", { status: t(`connection.${status}`) }));
    }
    lastStatus.current = status;
  }, [connection?.status, announce, t]);

  const closeShare = () => {
    setShareOpen(false);
    shareButton.current?.focus();
  };

  return (
    <div ref={root} className="workshop">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar__title">
          <a className="brand brand--small" href="/" aria-label={t("header.home")}>
            {t("app.name")}
          </a>
          <h1 className="topbar__heading">{title}</h1>
          {steer && (
            <button
              ref={editButton}
              type="button"
              className="button button--ghost button--small"
              aria-expanded={editing}
              aria-label={t("meta.edit")}
              title={t("meta.edit")}
              onClick={() => setEditing(!editing)}
            >
              <span aria-hidden="true">✎ </span>
              {t("meta.editShort")}
            </button>
          )}
          <span className={`role-badge role-badge--${self.role}`}>
            {t("header.roleBadge", { role: t(`roles.${self.role}.name`) })}
            {readOnly && ` · ${t("header.viewOnly")}`}
          </span>
        </div>
        <div className="topbar__side">
          {connection && <ConnectionIndicator connection={connection} />}
          <PresenceBar peers={peers} awareness={awareness} />
          <DownloadMenu />
          {links && (
            <button
              ref={shareButton}
              type="button"
              className="button"
              aria-expanded={shareOpen}
              aria-controls="share-panel"
              onClick={() => setShareOpen(!shareOpen)}
            >
              {t("share.open")}
            </button>
          )}
          <LanguageSwitcher />
        </div>
      </header>
      {editing && steer && (
        <MetaEditor
          control={docs.control}
          meta={meta}
          onDone={() => {
            setEditing(false);
            editButton.current?.focus();
          }}
        />
      )}
      <div ref={bar} className="workshop__bar">
        <StageTabs stage={stage} current={meta.currentStage} onChange={setStage} />
        <FacilitationBar />
      </div>
      <main id="main" className="workshop__main">
        <div role="tabpanel" id={panelId(stage)} aria-labelledby={tabId(stage)} className="stage-panel">
          <div className="stage-panel__intro">
            <p className="stage-prompt">{t(`stages.${stage}.prompt`)}</p>
            <TemplatePrompt template={meta.template} stage={stage} />
            <UndoControls />
            {steer && stage !== meta.currentStage && (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => moveToStage(docs.control, stage)}
              >
                {t("meta.setCurrent")}
              </button>
            )}
            {meta.challenge && (
              <details className="challenge">
                <summary>{t("header.challenge")}</summary>
                <p>{meta.challenge}</p>
              </details>
            )}
          </div>
          <FocusBanner stage={stage} meta={meta} />
          <StageViews stage={stage} />
        </div>
        {shareOpen && links && (
          <div id="share-panel" className="share-wrap">
            <SharePanel links={links} onClose={closeShare} onRotate={onRotate} />
          </div>
        )}
      </main>
    </div>
  );
}
