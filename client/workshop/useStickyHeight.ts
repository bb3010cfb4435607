import { type RefObject, useEffect } from "react";

/**
 * Keeps the height of `element` in a CSS custom property on `host`. On phones the stage tabs stick to
 * the top of the scrolling page, and what sticks below them (the note form) needs to know how tall
 * they are: that changes with the timer, a notice or the facilitator's tools.
 */
export function useStickyHeight(
  element: RefObject<HTMLElement | null>,
  host: RefObject<HTMLElement | null>,
  property: string,
): void {
  useEffect(() => {
    const target = element.current;
    const on = host.current;
    if (!target || !on || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      on.style.setProperty(property, `${Math.round(target.getBoundingClientRect().height)}px`);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, host, property]);
}
