import { create } from "zustand";

const SOUND_KEY = "ruamkid:timer-sound";

function readSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== "off";
  } catch {
    return true;
  }
}

/** Local facilitation state: the clock offset, the timer sound preference, and this person's ballot. */
export interface FacilitationState {
  /** Server − client clock (ms); 0 until measured. */
  offset: number;
  sound: boolean;
  ballot: { voteId: string; mine: Record<string, number>; remaining: number } | null;
  /** A note id whose ballot request is in flight. */
  pending: string | null;
  setOffset(offset: number): void;
  setSound(on: boolean): void;
  setBallot(ballot: FacilitationState["ballot"]): void;
  setPending(id: string | null): void;
}

export const useFacilitation = create<FacilitationState>((set) => ({
  offset: 0,
  sound: readSound(),
  ballot: null,
  pending: null,
  setOffset: (offset) => set({ offset }),
  setSound: (sound) => {
    try {
      localStorage.setItem(SOUND_KEY, sound ? "on" : "off");
    } catch {
      // Not remembered: still applies for this visit.
    }
    set({ sound });
  },
  setBallot: (ballot) => set({ ballot }),
  setPending: (pending) => set({ pending }),
}));

/** The server's clock as this client best knows it. */
export const serverNow = (): number => Date.now() + useFacilitation.getState().offset;

/** A short beep through Web Audio; silent when audio is unavailable. */
export function beep(): void {
  try {
    const Ctx =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.6);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.6);
    osc.onended = () => void ctx.close();
  } catch {
    // No audio: the visual cue and the announcement remain.
  }
}
