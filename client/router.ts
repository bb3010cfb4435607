import { useSyncExternalStore } from "react";

/** A two-route app needs no router library: the path is read from `location`, pushState navigates. */
const NAVIGATE = "ruamkid:navigate";

const subscribe = (listener: () => void) => {
  window.addEventListener("popstate", listener);
  window.addEventListener(NAVIGATE, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(NAVIGATE, listener);
  };
};

export const usePath = (): string => useSyncExternalStore(subscribe, () => window.location.pathname);

export function navigate(to: string): void {
  window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE));
  window.scrollTo?.(0, 0);
}

/** The workshop id of a `/w/<id>` path, or null. */
export function workshopIdFromPath(path: string): string | null {
  const match = /^\/w\/([^/]+)\/?$/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** The workshop id of a published page's `/p/<id>` path, or null. */
export function publicIdFromPath(path: string): string | null {
  const match = /^\/p\/([^/]+)\/?$/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
