import {
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { addNote, type NoteId, type StageId } from "../../shared";
import { useFacilitatedBoard } from "../facilitation/board";
import { frameAt } from "../methods/areas";
import { BoardAreas } from "../methods/BoardAreas";
import { canEditNote } from "../permissions";
import { useSession } from "../state/session";
import { useWorkshop } from "../sync/context";
import { useStageNotes } from "../sync/useDoc";
import { useCursorPublisher, usePeers } from "../sync/usePresence";
import { BoardTools } from "./BoardTools";
import { Cursors } from "./Cursors";
import { BOARD_HEIGHT, BOARD_WIDTH, placeNote } from "./geometry";
import { NoteCard } from "./NoteCard";

/** The board of one stage: a large pannable, zoomable surface holding that stage's notes. */
export function Board({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const { docs, awareness, self, readOnly: roleReadOnly } = useWorkshop();
  // Facilitation: hidden notes and locked boards (read-only for all but facilitators).
  const { notes, locked } = useFacilitatedBoard(useStageNotes(docs.content, stage), stage);
  const readOnly = roleReadOnly || locked;
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
      <div className="board__frame">
        {!readOnly && (
          <p id={`board-hint-${stage}`} className="visually-hidden">
            {t("board.keyboardHint")}
          </p>
        )}
        {withoutCursor > 0 && (
          <p className="board__others">{t("presence.othersHere", { count: withoutCursor })}</p>
        )}
        {notes.length === 0 && (
          <p className="board__empty">{readOnly ? t("board.readOnly") : t("board.empty")}</p>
        )}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer panning and cursors; keyboard users scroll and press N. */}
        <div
          ref={viewportRef}
          className="board__viewport"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable area must be reachable by keyboard to scroll it.
          tabIndex={0}
          aria-describedby={readOnly ? undefined : `board-hint-${stage}`}
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
            >
              <BoardAreas stage={stage} />
              {notes.map((note) => (
                <NoteCard
                  key={note.id}
                  note={note}
                  content={docs.content}
                  readOnly={readOnly || !canEditNote(self.role, self.id, note)}
                  selected={note.id === selectedNoteId}
                  zoom={zoom}
                  autoFocus={note.id === focusId}
                  onSelect={selectNote}
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
