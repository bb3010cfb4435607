import { create } from "zustand";
import type { NoteId, StageId } from "../../shared";
import { applyLocale, detectLocale, type Locale } from "../i18n/index";

/** Local UI state only: nothing here is shared with other people (that lives in the Y docs). */
export interface SessionState {
  stage: StageId;
  selectedNoteId: NoteId | null;
  zoom: number;
  locale: Locale;
  shareOpen: boolean;
  /** On a phone, a stage's notes show as a list (easier to read and write) unless the canvas is chosen. */
  phoneView: PhoneView;
  setStage(stage: StageId): void;
  selectNote(id: NoteId | null): void;
  setZoom(zoom: number): void;
  setLocale(locale: Locale): void;
  setShareOpen(open: boolean): void;
  setPhoneView(view: PhoneView): void;
}

export type PhoneView = "list" | "canvas";

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 2;
const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(zoom * 100) / 100));

export const useSession = create<SessionState>((set) => ({
  stage: "empathize",
  selectedNoteId: null,
  zoom: 1,
  locale: detectLocale(),
  shareOpen: false,
  phoneView: "list",
  setStage: (stage) => set({ stage, selectedNoteId: null }),
  selectNote: (selectedNoteId) => set({ selectedNoteId }),
  setZoom: (zoom) => set({ zoom: clampZoom(zoom) }),
  setLocale: (locale) => {
    applyLocale(locale);
    set({ locale });
  },
  setShareOpen: (shareOpen) => set({ shareOpen }),
  setPhoneView: (phoneView) => set({ phoneView }),
}));
