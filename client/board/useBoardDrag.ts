import { type PointerEvent as ReactPointerEvent, useRef, useState } from "react";
import { useSession } from "../state/session";

/** Others see a dragged object travel, at most ten writes a second. */
const DRAG_WRITE_MS = 100;

interface Point {
  x: number;
  y: number;
}

interface Options {
  /** Where the object is now, in board coordinates. */
  at: Point;
  /** Keeps a position on the board. */
  clamp: (to: Point) => Point;
  /** Writes a position: during the drag (throttled), and once more at the end with `final` set. */
  write: (to: Point, final: boolean) => void;
  disabled?: boolean;
}

/**
 * Pointer dragging of a board object by a handle: the object follows the pointer locally every frame,
 * the document gets a throttled write, and releasing writes the last position. The zoom is read when
 * needed rather than passed in, so a zoom change does not re-render every draggable card.
 */
export function useBoardDrag({ at, clamp, write, disabled }: Options) {
  const [position, setPosition] = useState<Point | null>(null);
  const drag = useRef<{ pointerId: number; sx: number; sy: number; from: Point; lastWrite: number } | null>(
    null,
  );

  const target = (event: ReactPointerEvent) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return null;
    const { zoom } = useSession.getState();
    return clamp({
      x: current.from.x + (event.clientX - current.sx) / zoom,
      y: current.from.y + (event.clientY - current.sy) / zoom,
    });
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>) => {
    if (disabled || event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = {
      pointerId: event.pointerId,
      sx: event.clientX,
      sy: event.clientY,
      from: at,
      lastWrite: Date.now(),
    };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    const to = target(event);
    if (!to || !drag.current) return;
    setPosition(to);
    if (Date.now() - drag.current.lastWrite >= DRAG_WRITE_MS) {
      drag.current.lastWrite = Date.now();
      write(to, false);
    }
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLElement>) => {
    const to = target(event);
    const start = drag.current?.from;
    drag.current = null;
    setPosition(null);
    // Throttled writes may already have put it there: a real drag still ends with a final write.
    if (to && start && (to.x !== start.x || to.y !== start.y || to.x !== at.x || to.y !== at.y))
      write(to, true);
  };

  return {
    /** The local position while dragging, ahead of the document; null otherwise. */
    position,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
  };
}
