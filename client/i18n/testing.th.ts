import type { testingEn } from "./testing.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the testing feature, typed against the English ones. */
export const testingTh: Widen<typeof testingEn> = {
  _: "",
};
