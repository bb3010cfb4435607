/** English strings of the templates feature (merged into the catalog under `templates`). */
export const templatesEn = {
  _: "",
};
