/** English strings of the phone feature (merged into the catalog under `phone`). */
export const phoneEn = {
  _: "",
};
