import {
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  startTransition,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { addNote, type ClusterId, createCluster, type NoteId, type StageId } from "../../shared";
import { useClusterBoard } from "../clusters/board";
import { ClusterLayer, NewClusterButton } from "../clusters/ClusterLayer";
import { placeCluster } from "../clusters/geometry";
import { useFacilitatedStage } from "../facilitation/board";
import { frameAt } from "../methods/areas";
import { BoardAreas } from "../methods/BoardAreas";
import { canEditNote } from "../permissions";
import { useSession } from "../state/session";
import { useWorkshop } from "../sync/context";
import { useCursorPublisher, usePeers } from "../sync/usePresence";
import { BoardTools } from "./BoardTools";
import { Cursors } from "./Cursors";
import { BOARD_HEIGHT, BOARD_WIDTH, noteIntersects, placeNote, type Rect, renderWindow } from "./geometry";
import { NoteCard, type NoteLabels } from "./NoteCard";

/**
 * Boards with more notes than this mount only the notes near the visible area, and their cards show the
 * text as a paragraph until it is edited. Smaller boards mount everything (find-in-page sees it all).
 */
export const VIRTUALIZE_ABOVE = 150;

/** Space left above and to the left of the notes when a board opens scrolled to them. */
const FRAME_MARGIN = 16;
const AREA_HEADING = 56;

/** The visible part of the board, in board coordinates (800 × 600 before the viewport is laid out). */
function visibleRect(viewport: HTMLElement, zoom: number): Rect {
  const left = viewport.scrollLeft / zoom;
  const top = viewport.scrollTop / zoom;
  return {
    left,
    top,
    right: left + (viewport.clientWidth || 800) / zoom,
    bottom: top + (viewport.clientHeight || 600) / zoom,
  };
}

// Sentinels for building a card's accessible name from one translation per board.
const AUTHOR = "\u0001author\u0001";
const TEXT = "\u0001text\u0001";

/** The board of one stage: a large pannable, zoomable surface holding that stage's notes. */
export function Board({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const { docs, awareness, self, readOnly: roleReadOnly } = useWorkshop();
  // Facilitation: hidden notes and locked boards (read-only for all but facilitators).
  const { notes, locked } = useFacilitatedStage(stage);
  const readOnly = roleReadOnly || locked;
  // Affinity clusters: team and facilitators shape them; anyone may move their own notes in and out.
  const clusters = useClusterBoard(docs.content, stage, notes);
  const canCluster = !readOnly && (self.role === "facilitator" || self.role === "team");
  const [clusterFocus, setClusterFocus] = useState<ClusterId | null>(null);
  const zoom = useSession((s) => s.zoom);
  const selectedNoteId = useSession((s) => s.selectedNoteId);
  const selectNote = useSession((s) => s.selectNote);
  const peers = usePeers(awareness);
  const publishCursor = useCursorPublisher(awareness);
  const viewportRef = useRef<HTMLDivElement>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const pan = useRef<{ pointerId: number; x: number; y: number } | null>(null);
  const [focusId, setFocusId] = useState<NoteId | null>(null);
  const stageName = t(`stages.${stage}.name`);

  const labels = useMemo<NoteLabels>(() => {
    const [beforeAuthor = "", afterAuthor = ""] = t("note.labelEmpty", { author: AUTHOR }).split(AUTHOR);
    const [a = "", rest = ""] = t("note.label", { author: AUTHOR, text: TEXT }).split(AUTHOR);
    const [b = "", c = ""] = rest.split(TEXT);
    return {
      move: (author: string) => t("note.move", { author }),
      text: t("note.text"),
      placeholder: t("note.placeholder"),
      anonymous: t("note.anonymous"),
      note: (author, text) =>
        text ? `${a}${author}${b}${text}${c}` : `${beforeAuthor}${author}${afterAuthor}`,
    };
  }, [t]);

  // ---- which notes are mounted ----
  // The window (board coordinates) moves only when the visible area nears its edge: scrolling and
  // zooming re-render the board rarely, and then in a transition.
  const [win, setWin] = useState<Rect | null>(null);
  const winRef = useRef<Rect | null>(null);
  // Notes being dragged or edited stay mounted wherever they are.
  const [active, setActive] = useState<ReadonlySet<NoteId>>(() => new Set());
  const onActive = useCallback((id: NoteId, on: boolean) => {
    setActive((prev) => {
      if (prev.has(id) === on) return prev;
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  // A board opened where none of its notes are (a phone shows only the top-left corner of the surface)
  // starts at its notes instead of looking empty. Once per stage, so it never fights the person's panning.
  const framedStage = useRef<StageId | null>(null);
  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || notes.length === 0 || framedStage.current === stage) return;
    framedStage.current = stage;
    const zoom = useSession.getState().zoom;
    const view = visibleRect(viewport, zoom);
    if (notes.some((note) => noteIntersects(note, view))) return;
    viewport.scrollLeft = Math.max(0, Math.min(...notes.map((n) => n.x)) - FRAME_MARGIN) * zoom;
    // Room above the first note for the heading of the area it sits in (Test board quadrants).
    viewport.scrollTop = Math.max(0, Math.min(...notes.map((n) => n.y)) - AREA_HEADING) * zoom;
  }, [notes, stage]);

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    let frame = 0;
    const update = (force: boolean) => {
      frame = 0;
      const visible = visibleRect(viewport, useSession.getState().zoom);
      const next = renderWindow(visible, force ? null : winRef.current);
      if (next === winRef.current) return;
      winRef.current = next;
      // Small boards mount every note: the window is kept for when they grow, without a re-render.
      if (virtualRef.current) startTransition(() => setWin(next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => update(false));
    };
    // While panning, the surface is its own compositor layer: scrolling moves it instead of repainting
    // the notes. Only while panning: a zoom of a will-change layer would keep its old raster scale.
    const surface = surfaceRef.current;
    let still: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      schedule();
      surface?.classList.add("board__surface--moving");
      clearTimeout(still);
      still = setTimeout(() => surface?.classList.remove("board__surface--moving"), 300);
    };
    // First paint: the visible area only, at once; the margin around it follows once painted.
    const first = renderWindow(visibleRect(viewport, useSession.getState().zoom), null, true);
    winRef.current = first;
    if (virtualRef.current) setWin(first);
    // …once the first frame is painted and the page is idle.
    let grow: ReturnType<typeof setTimeout> | undefined;
    const growFrame = requestAnimationFrame(() => {
      grow = setTimeout(() => update(true), 150);
    });
    viewport.addEventListener("scroll", onScroll, { passive: true });
    const resize = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    resize?.observe(viewport);
    const unsubscribe = useSession.subscribe((s, prev) => {
      if (s.zoom !== prev.zoom) schedule();
    });
    return () => {
      cancelAnimationFrame(frame);
      cancelAnimationFrame(growFrame);
      clearTimeout(grow);
      clearTimeout(still);
      viewport.removeEventListener("scroll", onScroll);
      resize?.disconnect();
      unsubscribe();
    };
  }, []);

  const virtual = notes.length > VIRTUALIZE_ABOVE;
  const virtualRef = useRef(virtual);
  virtualRef.current = virtual;
  // The latest window is in the ref (the state only triggers the re-render, and lags on a board that
  // just grew large).
  const current = virtual ? (winRef.current ?? win) : null;
  const { folded } = clusters;
  const mounted = useMemo(() => {
    // Notes of a collapsed cluster are not drawn (the frame shows their count).
    const shown = folded.size ? notes.filter((note) => !folded.has(note.id)) : notes;
    if (!virtual) return shown;
    const win = current;
    if (!win) return [];
    // A linear pass: it runs only when the window or the notes change, ~0.05 ms for 5,000 notes (a
    // spatial index would have to be rebuilt on every note change, e.g. ten times a second in a drag).
    return shown.filter(
      (note) =>
        noteIntersects(note, win) || note.id === selectedNoteId || note.id === focusId || active.has(note.id),
    );
  }, [virtual, notes, folded, current, selectedNoteId, focusId, active]);

  const add = useCallback(() => {
    const viewport = viewportRef.current;
    const view = {
      left: viewport ? viewport.scrollLeft / zoom : 0,
      top: viewport ? viewport.scrollTop / zoom : 0,
      width: viewport?.clientWidth ? viewport.clientWidth / zoom : 800,
      height: viewport?.clientHeight ? viewport.clientHeight / zoom : 600,
    };
    const at = placeNote(view, notes);
    const frame = frameAt(stage, at.x, at.y);
    const id = addNote(docs.content, {
      stage,
      author: { id: self.id, name: self.name },
      ...at,
      ...(frame ? { frame } : {}),
    });
    setFocusId(id);
    selectNote(id);
  }, [docs.content, notes, self.id, self.name, stage, zoom, selectNote]);

  const addCluster = () => {
    const viewport = viewportRef.current;
    const view = {
      left: viewport ? viewport.scrollLeft / zoom : 0,
      top: viewport ? viewport.scrollTop / zoom : 0,
      width: viewport?.clientWidth ? viewport.clientWidth / zoom : 800,
      height: viewport?.clientHeight ? viewport.clientHeight / zoom : 600,
    };
    const count = clusters.clusters.length;
    const id = createCluster(docs.content, {
      stage,
      name: t("clusters.defaultName", { n: count + 1 }),
      ...placeCluster(view, notes, [...clusters.rects.values()], (count % 6) * 32),
    });
    setClusterFocus(id);
  };

  const toBoard = (event: ReactPointerEvent) => {
    const rect = surfaceRef.current?.getBoundingClientRect();
    if (!rect) return null;
    return {
      x: Math.round((event.clientX - rect.left) / zoom),
      y: Math.round((event.clientY - rect.top) / zoom),
    };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.target !== surfaceRef.current) return;
    selectNote(null);
    // Mouse users pan by dragging the background; touch scrolls natively.
    if (event.pointerType === "mouse" && event.button === 0) {
      event.currentTarget.setPointerCapture?.(event.pointerId);
      pan.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    }
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const p = pan.current;
    if (p && p.pointerId === event.pointerId) {
      event.currentTarget.scrollLeft -= event.clientX - p.x;
      event.currentTarget.scrollTop -= event.clientY - p.y;
      pan.current = { ...p, x: event.clientX, y: event.clientY };
    }
    const at = toBoard(event);
    if (at) publishCursor(at);
  };

  const endPan = () => {
    pan.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (readOnly || event.target !== event.currentTarget) return;
    if (event.key === "n" || event.key === "N") {
      event.preventDefault();
      add();
    }
  };

  const here = peers.filter((peer) => !peer.isSelf && peer.stage === stage);
  const others = here.filter((peer) => peer.cursor);
  // The server forwards at most ~30 cursors in a crowd: everyone else here is counted, not drawn.
  const withoutCursor = here.length - others.length;

  return (
    <section className="board" aria-label={t("board.label", { stage: stageName })}>
      <BoardTools onAdd={add} readOnly={readOnly} />
      {canCluster && (
        <div className="board-tools board-tools--clusters">
          <NewClusterButton onCreate={addCluster} />
        </div>
      )}
      <div className="board__frame">
        {!readOnly && (
          <p id={`board-hint-${stage}`} className="visually-hidden">
            {t("board.keyboardHint")}
          </p>
        )}
        {withoutCursor > 0 && (
          <p className="board__others">{t("presence.othersHere", { count: withoutCursor })}</p>
        )}
        <p id={`board-count-${stage}`} className="visually-hidden">
          {t("board.count", { count: notes.length })}
        </p>
        {notes.length === 0 && (
          <p className="board__empty">{readOnly ? t("board.readOnly") : t("board.empty")}</p>
        )}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer panning and cursors; keyboard users scroll and press N. */}
        <div
          ref={viewportRef}
          className="board__viewport"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable area must be reachable by keyboard to scroll it.
          tabIndex={0}
          aria-describedby={readOnly ? `board-count-${stage}` : `board-count-${stage} board-hint-${stage}`}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endPan}
          onPointerCancel={endPan}
          onPointerLeave={() => publishCursor(null)}
        >
          <div className="board__sizer" style={{ width: BOARD_WIDTH * zoom, height: BOARD_HEIGHT * zoom }}>
            <div
              ref={surfaceRef}
              className="board__surface"
              style={{ width: BOARD_WIDTH, height: BOARD_HEIGHT, transform: `scale(${zoom})` }}
              data-notes-total={notes.length}
            >
              <BoardAreas stage={stage} />
              <ClusterLayer
                board={clusters}
                content={docs.content}
                editable={canCluster}
                focusId={clusterFocus}
              />
              {mounted.map((note) => (
                <NoteCard
                  key={note.id}
                  note={note}
                  content={docs.content}
                  readOnly={readOnly || !canEditNote(self.role, self.id, note)}
                  selected={note.id === selectedNoteId}
                  autoFocus={note.id === focusId}
                  light={virtual}
                  labels={labels}
                  onSelect={selectNote}
                  onActive={onActive}
                  onSettle={clusters.settle}
                />
              ))}
              <Cursors peers={others} />
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
