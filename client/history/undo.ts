import { useEffect, useMemo, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { type ContentUndo, createContentUndo } from "../../shared";

/**
 * One undo manager per content document (shared by every component), tracking only this person's own
 * model writes. It lives as long as the document.
 */
const undos = new WeakMap<Y.Doc, ContentUndo>();

export function contentUndoFor(content: Y.Doc): ContentUndo {
  let undo = undos.get(content);
  if (!undo) {
    undo = createContentUndo(content);
    undos.set(content, undo);
  }
  return undo;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undo(): void;
  redo(): void;
}

const STACK_EVENTS = ["stack-item-added", "stack-item-popped", "stack-cleared"] as const;

export function useContentUndo(content: Y.Doc): UndoState {
  const undo = contentUndoFor(content);
  const store = useMemo(
    () => ({
      subscribe(listener: () => void) {
        for (const event of STACK_EVENTS) undo.manager.on(event, listener);
        return () => {
          for (const event of STACK_EVENTS) undo.manager.off(event, listener);
        };
      },
      get: () => (undo.canUndo() ? 1 : 0) | (undo.canRedo() ? 2 : 0),
    }),
    [undo],
  );
  const flags = useSyncExternalStore(store.subscribe, store.get, store.get);
  return useMemo(
    () => ({
      canUndo: (flags & 1) !== 0,
      canRedo: (flags & 2) !== 0,
      undo: () => void undo.undo(),
      redo: () => void undo.redo(),
    }),
    [flags, undo],
  );
}

/** Text fields and rich-text editors have their own undo: the board's shortcuts leave them alone. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("input, textarea, select")) return true;
  const editable = target.closest("[contenteditable]");
  return editable !== null && editable.getAttribute("contenteditable") !== "false";
}

/** What a key press means for undo: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z or Ctrl+Y redo. */
export function undoCommand(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">,
) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y" && !event.shiftKey) return "redo";
  return null;
}

/** Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (and Ctrl+Y) anywhere in the workshop except in text entry. */
export function useUndoShortcuts(content: Y.Doc, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const undo = contentUndoFor(content);
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      const command = undoCommand(event);
      if (!command) return;
      event.preventDefault();
      if (command === "undo") undo.undo();
      else undo.redo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [content, enabled]);
}
