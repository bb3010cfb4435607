import { useTranslation } from "react-i18next";
import type { Peer } from "../sync/usePresence";

/** Other people's pointers on this board: decorative, so hidden from assistive technology. */
export function Cursors({ peers }: { peers: Peer[] }) {
  const { t } = useTranslation();
  return (
    <div className="cursors" aria-hidden="true">
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            className="cursor"
            style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px)` }}
          >
            <svg viewBox="0 0 16 20" width="16" height="20" aria-hidden="true" focusable="false">
              <path d="M1 1l13 11-6 1-3 6z" fill={peer.user.color} stroke="#fff" strokeWidth="1.5" />
            </svg>
            <span className="cursor__label" style={{ background: peer.user.color }}>
              {peer.user.name || t("note.anonymous")}
            </span>
          </div>
        ) : null,
      )}
    </div>
  );
}
