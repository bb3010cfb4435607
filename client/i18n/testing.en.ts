/** English strings of the testing feature (merged into the catalog under `testing`). */
export const testingEn = {
  _: "",
};
