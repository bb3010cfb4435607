import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";

type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce>(() => {});

/** One polite live region for the page; used sparingly (connection changes, copied links). */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const announce = useCallback<Announce>((text) => {
    // Clear first so repeating the same message is announced again.
    setMessage("");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(text), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = (): Announce => useContext(AnnounceContext);
