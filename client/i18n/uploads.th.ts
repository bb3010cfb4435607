import type { uploadsEn } from "./uploads.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the uploads feature, typed against the English ones. */
export const uploadsTh: Widen<typeof uploadsEn> = {
  _: "",
};
