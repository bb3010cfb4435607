import type { phoneEn } from "./phone.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the phone feature, typed against the English ones. */
export const phoneTh: Widen<typeof phoneEn> = {
  _: "",
};
