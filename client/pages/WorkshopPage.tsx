import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import {
  canWrite,
  colorFor,
  createWorkshopDocs,
  isWorkshopId,
  parseLinkFragment,
  type Role,
  type RoleLinks,
  type SessionResponse,
  type WorkshopId,
} from "../../shared";
import { ApiFailure, fetchSession, rotateLink } from "../sync/api";
import { WorkshopConnection } from "../sync/connection";
import { type Self, WorkshopProvider } from "../sync/context";
import {
  forgetParticipant,
  loadLink,
  loadParticipant,
  type StoredLink,
  type StoredParticipant,
  saveLink,
} from "../sync/storage";
import { AnnouncerProvider } from "../workshop/Announcer";
import { WorkshopView } from "../workshop/WorkshopView";
import { type ErrorKind, ErrorPage } from "./ErrorPage";
import { JoinPage, joinAndRemember } from "./JoinPage";

/** The link from the fragment (remembered for later visits), else the one remembered on this device. */
function resolveLink(id: string): StoredLink | null {
  const fromHash = parseLinkFragment(window.location.hash);
  if (fromHash) {
    saveLink(id, fromHash);
    return fromHash;
  }
  return loadLink(id);
}

type SessionState =
  | { kind: "loading" }
  | { kind: "ready"; session: SessionResponse | null }
  | { kind: "error"; error: ErrorKind };

const subscribeHash = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};

/** `/w/<id>`: checks the link, asks for a name and the privacy notice once, then connects. */
export function WorkshopPage({ id }: { id: string }) {
  // Pasting a new link of the same workshop into this tab changes only the fragment: start over with it.
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const link = useMemo(() => {
    void hash;
    return isWorkshopId(id) ? resolveLink(id) : null;
  }, [id, hash]);
  if (!isWorkshopId(id)) return <ErrorPage kind="notFound" />;
  if (!link) return <ErrorPage kind="noLink" />;
  return <WorkshopGate key={link.token} id={id} link={link} />;
}

function WorkshopGate({ id, link }: { id: WorkshopId; link: StoredLink }) {
  const { t } = useTranslation();
  const [state, setState] = useState<SessionState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [participant, setParticipant] = useState(() => {
    // Joined with another role's link on this device: that identity does not carry over.
    const stored = loadParticipant(id);
    if (!stored) return null;
    if ((stored.role && stored.role !== link.role) || (stored.token && stored.token !== link.token)) {
      // Joined with another link: another role's identity does not carry over, and a replaced link
      // revoked the participants who joined with it. Join again (the notice is not asked again).
      forgetParticipant(id);
      return null;
    }
    return stored;
  });
  const participantRef = useRef(participant);
  participantRef.current = participant;
  // The facilitator may replace their own link: the room then reconnects with the new token.
  const [token, setToken] = useState(link.token);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const [links, setLinks] = useState<RoleLinks | undefined>(undefined);
  const session = state.kind === "ready" ? state.session : null;
  const role: Role = session?.role ?? link.role;

  const refuse = useCallback(
    (error: ErrorKind) => {
      // A refused link (rotated, or wrong): the participant issued with it is of no further use.
      if (error === "unauthorized" || error === "notFound") forgetParticipant(id);
      setParticipant(null);
      setState({ kind: "error", error });
    },
    [id],
  );

  useEffect(() => {
    void attempt;
    const abort = new AbortController();
    setState({ kind: "loading" });
    fetchSession(id, tokenRef.current, abort.signal).then(
      (response) => {
        setLinks(response.links);
        setState({ kind: "ready", session: response });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const status = error instanceof ApiFailure ? error.status : 0;
        if (status === 401 || status === 403) refuse("unauthorized");
        else if (status === 404) refuse("notFound");
        // Offline (or a server hiccup) with a remembered link: open the local copy and sync later.
        else setState({ kind: "ready", session: null });
      },
    );
    return () => abort.abort();
  }, [id, attempt, refuse]);

  const [rotatingSelf, setRotatingSelf] = useState(false);
  const rotate = useCallback(
    async (target: Role): Promise<RoleLinks> => {
      const own = target === role;
      if (own) setRotatingSelf(true);
      try {
        const next = await rotateLink(id, tokenRef.current, target);
        setLinks(next);
        if (own) {
          const fresh = parseLinkFragment(new URL(next[target], window.location.origin).hash);
          if (fresh) {
            saveLink(id, fresh);
            window.history.replaceState(
              null,
              "",
              `${window.location.pathname}#role=${fresh.role}&token=${encodeURIComponent(fresh.token)}`,
            );
            // The old link's participants are revoked with it: join again under the same name.
            const name = participantRef.current?.name ?? "";
            const rejoined = await joinAndRemember(id, fresh.token, name).catch(() => null);
            if (!rejoined) forgetParticipant(id);
            setParticipant(rejoined);
            setToken(fresh.token);
          }
        }
        return next;
      } finally {
        if (own) setRotatingSelf(false);
      }
    },
    [id, role],
  );

  if (state.kind === "loading") {
    return (
      <div className="page page--center" aria-busy="true">
        <p className="loading">{t("app.loading")}</p>
      </div>
    );
  }
  if (state.kind === "error")
    return <ErrorPage kind={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!participant)
    return (
      <JoinPage
        id={id}
        token={token}
        linkRole={role}
        title={session?.title ?? ""}
        onJoined={setParticipant}
        onRefused={refuse}
      />
    );
  return (
    <WorkshopRoom
      id={id}
      token={token}
      participant={participant}
      role={role}
      session={session}
      links={links}
      onRotate={role === "facilitator" ? rotate : undefined}
      rotatingSelf={rotatingSelf}
    />
  );
}

interface RoomProps {
  id: WorkshopId;
  token: string;
  participant: StoredParticipant;
  role: Role;
  session: SessionResponse | null;
  links: RoleLinks | undefined;
  onRotate: ((role: Role) => Promise<RoleLinks>) | undefined;
  rotatingSelf: boolean;
}

function WorkshopRoom({ id, token, participant, role, ...rest }: RoomProps) {
  const [room, setRoom] = useState<{ token: string; connection: WorkshopConnection } | null>(null);
  const participantToken = participant.participantToken || null;
  const self = useMemo<Self>(
    () => ({
      id: participant.participantId,
      name: participant.name,
      color: colorFor(participant.participantId),
      role,
    }),
    [participant.participantId, participant.name, role],
  );

  useEffect(() => {
    const connection = new WorkshopConnection(id, createWorkshopDocs(), token, participantToken);
    setRoom({ token, connection });
    return () => connection.destroy();
  }, [id, token, participantToken]);

  const api = useMemo(() => ({ workshopId: id, token, participantToken }), [id, token, participantToken]);
  // Until the effect has replaced it, the previous token's connection is not shown.
  if (!room || room.token !== token) return null;
  return <ConnectedWorkshop connection={room.connection} self={self} api={api} {...rest} />;
}

function ConnectedWorkshop({
  connection,
  self,
  api,
  session,
  links,
  onRotate,
  rotatingSelf,
}: {
  connection: WorkshopConnection;
  self: Self;
  api: { workshopId: string; token: string; participantToken: string | null };
} & Omit<RoomProps, "id" | "token" | "participant" | "role">) {
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const value = useMemo(
    () => ({
      docs: { content: connection.content.doc, control: connection.control.doc },
      awareness: connection.content.awareness,
      self,
      readOnly: !canWrite(self.role, "content"),
      api,
    }),
    [connection, self, api],
  );
  // Replacing one's own link closes this connection with "revoked" before the new one opens.
  if (snapshot.status === "revoked" && !rotatingSelf) return <ErrorPage kind="revoked" />;
  return (
    <WorkshopProvider value={value}>
      <AnnouncerProvider>
        <WorkshopView
          fallbackTitle={session?.title ?? ""}
          links={links}
          onRotate={onRotate}
          connection={snapshot}
        />
      </AnnouncerProvider>
    </WorkshopProvider>
  );
}
