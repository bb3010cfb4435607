import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import {
  canWrite,
  colorFor,
  createWorkshopDocs,
  isWorkshopId,
  parseLinkFragment,
  type SessionResponse,
  type WorkshopId,
} from "../../shared";
import { ApiFailure, fetchSession } from "../sync/api";
import { WorkshopConnection } from "../sync/connection";
import { type Self, WorkshopProvider } from "../sync/context";
import { loadLink, loadName, loadParticipantId, type StoredLink, saveLink } from "../sync/storage";
import { AnnouncerProvider } from "../workshop/Announcer";
import { WorkshopView } from "../workshop/WorkshopView";
import { type ErrorKind, ErrorPage } from "./ErrorPage";
import { NamePrompt } from "./NamePrompt";

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

/** `/w/<id>`: checks the link, asks for a name, then connects and shows the workshop. */
export function WorkshopPage({ id }: { id: string }) {
  const link = useMemo(() => (isWorkshopId(id) ? resolveLink(id) : null), [id]);
  if (!isWorkshopId(id)) return <ErrorPage kind="notFound" />;
  if (!link) return <ErrorPage kind="noLink" />;
  return <WorkshopGate id={id} link={link} />;
}

function WorkshopGate({ id, link }: { id: WorkshopId; link: StoredLink }) {
  const { t } = useTranslation();
  const [state, setState] = useState<SessionState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [name, setName] = useState(loadName);
  const role = (state.kind === "ready" && state.session?.role) || link.role;
  const self = useMemo<Self>(() => {
    const participant = loadParticipantId();
    return { id: participant, name, color: colorFor(participant), role };
  }, [name, role]);

  useEffect(() => {
    void attempt;
    const abort = new AbortController();
    setState({ kind: "loading" });
    fetchSession(id, link.token, abort.signal).then(
      (session) => setState({ kind: "ready", session }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const status = error instanceof ApiFailure ? error.status : 0;
        if (status === 401 || status === 403) setState({ kind: "error", error: "unauthorized" });
        else if (status === 404) setState({ kind: "error", error: "notFound" });
        // Offline (or a server hiccup) with a remembered link: open the local copy and sync later.
        else setState({ kind: "ready", session: null });
      },
    );
    return () => abort.abort();
  }, [id, link.token, attempt]);

  if (state.kind === "loading") {
    return (
      <div className="page page--center" aria-busy="true">
        <p className="loading">{t("app.loading")}</p>
      </div>
    );
  }
  if (state.kind === "error")
    return <ErrorPage kind={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!name) return <NamePrompt title={state.session?.title ?? ""} onDone={setName} />;
  return <WorkshopRoom id={id} token={link.token} self={self} session={state.session} />;
}

function WorkshopRoom({
  id,
  token,
  self,
  session,
}: {
  id: WorkshopId;
  token: string;
  self: Self;
  session: SessionResponse | null;
}) {
  const [room, setRoom] = useState<{ connection: WorkshopConnection } | null>(null);

  useEffect(() => {
    const connection = new WorkshopConnection(id, createWorkshopDocs(), token);
    setRoom({ connection });
    return () => connection.destroy();
  }, [id, token]);

  if (!room) return null;
  return <ConnectedWorkshop connection={room.connection} self={self} session={session} />;
}

function ConnectedWorkshop({
  connection,
  self,
  session,
}: {
  connection: WorkshopConnection;
  self: Self;
  session: SessionResponse | null;
}) {
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const value = useMemo(
    () => ({
      docs: { content: connection.content.doc, control: connection.control.doc },
      awareness: connection.content.awareness,
      self,
      readOnly: !canWrite(self.role, "content"),
    }),
    [connection, self],
  );
  if (snapshot.status === "revoked") return <ErrorPage kind="revoked" />;
  return (
    <WorkshopProvider value={value}>
      <AnnouncerProvider>
        <WorkshopView fallbackTitle={session?.title ?? ""} links={session?.links} connection={snapshot} />
      </AnnouncerProvider>
    </WorkshopProvider>
  );
}
