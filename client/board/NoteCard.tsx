import {
  type KeyboardEvent,
  memo,
  type PointerEvent as ReactPointerEvent,
  useEffect,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  deleteNote,
  editNote,
  moveNote,
  type Note,
  type NoteColor,
  type NoteId,
  recolorNote,
} from "../../shared";
import { NoteFacilitation } from "../facilitation/NoteFacilitation";
import { frameAt } from "../methods/areas";
import { arrowDelta, clampX, clampY } from "./geometry";
import { NoteTools } from "./NoteTools";

interface Props {
  note: Note;
  content: Y.Doc;
  readOnly: boolean;
  selected: boolean;
  zoom: number;
  autoFocus: boolean;
  onSelect(id: NoteId | null): void;
}

const DRAG_WRITE_MS = 100;

/** One sticky note: inline editing, drag and arrow-key moves, and (when selected) color and delete. */
export const NoteCard = memo(function NoteCard({
  note,
  content,
  readOnly,
  selected,
  zoom,
  autoFocus,
  onSelect,
}: Props) {
  const { t } = useTranslation();
  const articleRef = useRef<HTMLElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const cancelled = useRef(false);
  const [dragPos, setDragPos] = useState<{ x: number; y: number } | null>(null);
  const drag = useRef<{
    pointerId: number;
    startX: number;
    startY: number;
    x: number;
    y: number;
    lastWrite: number;
  } | null>(null);

  useEffect(() => {
    if (autoFocus) textRef.current?.focus();
  }, [autoFocus]);

  const author = note.authorName || t("note.anonymous");
  const label = note.text.trim()
    ? t("note.label", { author, text: note.text })
    : t("note.labelEmpty", { author });

  const commit = () => {
    if (draft !== null && draft !== note.text && !cancelled.current) editNote(content, note.id, draft);
    cancelled.current = false;
    setDraft(null);
  };

  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      articleRef.current?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      cancelled.current = true;
      articleRef.current?.focus();
    }
  };

  const move = (x: number, y: number) => {
    const to = { x: clampX(x), y: clampY(y) };
    // On a board with method areas (the empathy map) the area a note lands in becomes its frame.
    const frame = frameAt(note.stage, to.x, to.y);
    moveNote(content, note.id, frame === undefined ? to : { ...to, frame });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (readOnly || event.target instanceof HTMLTextAreaElement) return;
    const delta = arrowDelta(event.key, event.shiftKey);
    if (!delta) return;
    event.preventDefault();
    move(note.x + delta.dx, note.y + delta.dy);
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLButtonElement>) => {
    if (readOnly || event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = {
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      x: note.x,
      y: note.y,
      lastWrite: Date.now(),
    };
  };

  const dragTo = (event: ReactPointerEvent<HTMLButtonElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return null;
    return {
      x: clampX(current.x + (event.clientX - current.startX) / zoom),
      y: clampY(current.y + (event.clientY - current.startY) / zoom),
    };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLButtonElement>) => {
    const to = dragTo(event);
    if (!to || !drag.current) return;
    setDragPos(to);
    // Others see the note travel, at most ten writes a second.
    if (Date.now() - drag.current.lastWrite >= DRAG_WRITE_MS) {
      drag.current.lastWrite = Date.now();
      move(to.x, to.y);
    }
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLButtonElement>) => {
    const to = dragTo(event);
    drag.current = null;
    setDragPos(null);
    if (to && (to.x !== note.x || to.y !== note.y)) move(to.x, to.y);
  };

  const x = dragPos?.x ?? note.x;
  const y = dragPos?.y ?? note.y;

  return (
    <article
      ref={articleRef}
      className={`note note--${note.color}${selected ? " note--selected" : ""}${dragPos ? " note--dragging" : ""}`}
      style={{ left: x, top: y }}
      aria-label={label}
      data-testid="note"
      data-note-id={note.id}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a note is a movable object: focusing it lets arrow keys move it.
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={() => onSelect(note.id)}
    >
      <div className="note__header">
        {readOnly ? (
          <span className="note__author">{author}</span>
        ) : (
          <button
            type="button"
            className="note__handle"
            aria-label={t("note.move")}
            title={t("note.move")}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
          >
            <svg viewBox="0 0 12 18" width="10" height="15" aria-hidden="true" focusable="false">
              <g fill="currentColor">
                <circle cx="3" cy="3" r="1.6" />
                <circle cx="9" cy="3" r="1.6" />
                <circle cx="3" cy="9" r="1.6" />
                <circle cx="9" cy="9" r="1.6" />
                <circle cx="3" cy="15" r="1.6" />
                <circle cx="9" cy="15" r="1.6" />
              </g>
            </svg>
            <span className="note__author">{author}</span>
          </button>
        )}
      </div>
      {readOnly ? (
        <p className="note__text">{note.text}</p>
      ) : (
        <textarea
          ref={textRef}
          className="note__text"
          aria-label={t("note.text")}
          placeholder={t("note.placeholder")}
          maxLength={2000}
          value={draft ?? note.text}
          onFocus={() => setDraft(note.text)}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={onTextKey}
        />
      )}
      <NoteFacilitation note={note} />
      {selected && !readOnly && (
        <NoteTools
          color={note.color}
          onColor={(color: NoteColor) => recolorNote(content, note.id, color)}
          onDelete={() => {
            // The note (and the focused button) goes away: keep keyboard users on the board.
            articleRef.current?.closest<HTMLElement>(".board__viewport")?.focus();
            onSelect(null);
            deleteNote(content, note.id);
          }}
        />
      )}
    </article>
  );
});
