import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Awareness } from "y-protocols/awareness";
import { ROLES, STAGES, type StageId } from "../../shared";
import type { Peer } from "../sync/usePresence";
import { groupByRole, presenceCounts, useIdleClients } from "./PresencePanel";

const MAX_SHOWN = 5;
/** Up to this many people every stage group starts open; in a bigger crowd they start collapsed. */
const OPEN_GROUPS_UP_TO = 12;

export const initials = (name: string): string => {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  // Thai leading vowels (เ แ โ ใ ไ) are written before the consonant that starts the name: skip them.
  const letter = (word: string) => Array.from(word.replace(/^[\u0E40-\u0E44]+/, ""))[0] ?? "";
  const first = letter(parts[0] ?? "");
  const second = parts.length > 1 ? letter(parts[parts.length - 1] ?? "") : "";
  return (first + second).toUpperCase();
};

/** People grouped by the stage they are on, in stage order; you first, then by name. */
export function groupByStage(peers: Peer[], locale: string): Map<StageId, Peer[]> {
  const groups = new Map<StageId, Peer[]>(STAGES.map((stage) => [stage, []]));
  for (const peer of peers) groups.get(peer.stage)?.push(peer);
  const collator = new Intl.Collator(locale);
  for (const list of groups.values())
    list.sort(
      (a, b) =>
        Number(b.isSelf) - Number(a.isSelf) ||
        collator.compare(a.user.name, b.user.name) ||
        a.clientId - b.clientId,
    );
  return groups;
}

interface GroupProps {
  label: string;
  peers: Peer[];
  startOpen: boolean;
  idle: ReadonlySet<number>;
  /** What the second column says about a person: their role (stage view) or stage (role view). */
  detail(peer: Peer): string;
}

function PeopleGroup({ label, peers, startOpen, idle, detail }: GroupProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(startOpen);
  const idleHere = peers.reduce((n, peer) => n + (idle.has(peer.clientId) ? 1 : 0), 0);
  return (
    <details className="people__group" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span>{label}</span>
        <span className="people__count">
          {peers.length}
          {idleHere > 0 && (
            <span className="people__idle-count">
              {" "}
              · {t("history.people.idle")} {idleHere}
            </span>
          )}
        </span>
      </summary>
      {/* Only an open group renders its people: a town hall of 300 stays light. */}
      {open && (
        <ul className="people__list">
          {peers.map((peer) => {
            const name = peer.user.name || t("note.anonymous");
            const isIdle = idle.has(peer.clientId);
            return (
              <li key={peer.clientId} className={`people__person${isIdle ? " people__person--idle" : ""}`}>
                <span className="people__dot" style={{ background: peer.user.color }} aria-hidden="true" />
                <span className="people__name">{peer.isSelf ? t("presence.youShort", { name }) : name}</span>
                <span className="people__role">{detail(peer)}</span>
                {isIdle && (
                  <span className="people__idle" title={t("history.people.idleLabel", { name })}>
                    {t("history.people.idle")}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}

/** Everyone connected: a count, grouped by stage in collapsible sections, usable with hundreds. */
export function PeopleList({
  peers,
  awareness,
  onClose,
}: {
  peers: Peer[];
  awareness?: Awareness | null | undefined;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [view, setView] = useState<"stage" | "role">("stage");
  const idle = useIdleClients(awareness);
  const counts = presenceCounts(peers, idle);
  const groups = useMemo(() => groupByStage(peers, i18n.language), [peers, i18n.language]);
  const roles = useMemo(
    () => (view === "role" ? groupByRole(peers, i18n.language) : null),
    [view, peers, i18n.language],
  );
  const startOpen = (list: Peer[]) => peers.length <= OPEN_GROUPS_UP_TO || list.some((peer) => peer.isSelf);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      id="people-panel"
      className="people"
      aria-labelledby="people-heading"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <div className="people__top">
        <h2 id="people-heading" ref={headingRef} tabIndex={-1}>
          {t("presence.heading", { count: peers.length })}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t("presence.close")}
          title={t("presence.close")}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <p className="people__summary">
        {t("history.people.counts", { active: counts.active, idle: counts.idle })}
      </p>
      <fieldset className="people__view">
        <legend className="visually-hidden">{t("history.people.view")}</legend>
        {(["stage", "role"] as const).map((option) => (
          <label key={option} className="people__view-option">
            <input
              type="radio"
              name="people-view"
              value={option}
              checked={view === option}
              onChange={() => setView(option)}
            />
            {t(option === "stage" ? "history.people.byStage" : "history.people.byRole")}
          </label>
        ))}
      </fieldset>
      {roles
        ? ROLES.map((role) => {
            const list = roles.get(role) ?? [];
            if (list.length === 0) return null;
            return (
              <PeopleGroup
                key={role}
                label={t(`roles.${role}.name`)}
                peers={list}
                startOpen={startOpen(list)}
                idle={idle}
                detail={(peer) => t("history.people.onStage", { stage: t(`stages.${peer.stage}.name`) })}
              />
            );
          })
        : STAGES.map((stage) => {
            const list = groups.get(stage) ?? [];
            if (list.length === 0) return null;
            return (
              <PeopleGroup
                key={stage}
                label={t(`stages.${stage}.name`)}
                peers={list}
                startOpen={startOpen(list)}
                idle={idle}
                detail={(peer) => t(`roles.${peer.user.role}.name`)}
              />
            );
          })}
    </section>
  );
}

/** A few avatars and a "people" button with the count; the button opens the full, grouped list. */
export function PresenceBar({
  peers,
  awareness,
}: {
  peers: Peer[];
  awareness?: Awareness | null | undefined;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const shown = peers.slice(0, MAX_SHOWN);
  const hidden = peers.length - shown.length;
  return (
    <div className="presence-wrap">
      <ul className="presence" aria-label={t("presence.label")}>
        {shown.map((peer) => {
          const name = peer.user.name || t("note.anonymous");
          const label = t(peer.isSelf ? "presence.you" : "presence.person", {
            name,
            stage: t(`stages.${peer.stage}.name`),
          });
          return (
            <li key={peer.clientId} className="avatar" style={{ background: peer.user.color }} title={label}>
              <span aria-hidden="true">{initials(peer.user.name)}</span>
              <span className="visually-hidden">{label}</span>
            </li>
          );
        })}
        {hidden > 0 && (
          <li className="avatar avatar--more" title={t("presence.moreLabel", { count: hidden })}>
            <span aria-hidden="true">{t("presence.more", { count: hidden })}</span>
            <span className="visually-hidden">{t("presence.moreLabel", { count: hidden })}</span>
          </li>
        )}
      </ul>
      <button
        ref={buttonRef}
        type="button"
        className="button people__button"
        aria-expanded={open}
        aria-controls="people-panel"
        aria-label={t("presence.open", { count: peers.length })}
        title={t("presence.open", { count: peers.length })}
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm7.5 0a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM9 13c-3.3 0-7 1.6-7 4.2V20h14v-2.8C16 14.6 12.3 13 9 13zm7.5 0c-.5 0-1 0-1.6.1 1.3.9 2.1 2.3 2.1 4.1V20h5v-2.6c0-2.6-3-4.4-5.5-4.4z"
          />
        </svg>
        <span>{peers.length}</span>
      </button>
      {open && (
        <PeopleList
          peers={peers}
          awareness={awareness}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
