import { useTranslation } from "react-i18next";
import type { Peer } from "../sync/usePresence";

const MAX_SHOWN = 5;

export const initials = (name: string): string => {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  // Thai leading vowels (เ แ โ ใ ไ) are written before the consonant that starts the name: skip them.
  const letter = (word: string) => Array.from(word.replace(/^[\u0E40-\u0E44]+/, ""))[0] ?? "";
  const first = letter(parts[0] ?? "");
  const second = parts.length > 1 ? letter(parts[parts.length - 1] ?? "") : "";
  return (first + second).toUpperCase();
};

/** Avatars of everyone connected, each saying which stage they are on. */
export function PresenceBar({ peers }: { peers: Peer[] }) {
  const { t } = useTranslation();
  const shown = peers.slice(0, MAX_SHOWN);
  const hidden = peers.length - shown.length;
  return (
    <ul className="presence" aria-label={t("presence.label")}>
      {shown.map((peer) => {
        const label = t(peer.isSelf ? "presence.you" : "presence.person", {
          name: peer.user.name,
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
  );
}
