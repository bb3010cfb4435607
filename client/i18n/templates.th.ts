import type { templatesEn } from "./templates.en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Thai strings of the templates feature, typed against the English ones. */
export const templatesTh: Widen<typeof templatesEn> = {
  _: "",
};
