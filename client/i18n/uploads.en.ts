/** English strings of the uploads feature (merged into the catalog under `uploads`). */
export const uploadsEn = {
  _: "",
};
