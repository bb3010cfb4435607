import { useSyncExternalStore } from "react";

/** Phones held upright. Wider screens (a phone on its side, a tablet) keep the canvas: there is room to pan. */
export const PHONE_QUERY = "(max-width: 640px)";

// Environments without matchMedia (jsdom, old embedded views) get the desktop board.
const query = (): MediaQueryList | null =>
  typeof window !== "undefined" && typeof window.matchMedia === "function"
    ? window.matchMedia(PHONE_QUERY)
    : null;

function subscribe(onChange: () => void): () => void {
  const list = query();
  if (!list) return () => {};
  list.addEventListener("change", onChange);
  return () => list.removeEventListener("change", onChange);
}

const snapshot = (): boolean => query()?.matches ?? false;

/** Whether the screen is phone-sized; follows rotation and window resizes. */
export const useIsPhone = (): boolean => useSyncExternalStore(subscribe, snapshot, () => false);
