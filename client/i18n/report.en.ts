/** English strings of the report downloads (merged into the catalog under `report`). */
export const reportEn = {
  download: "Download",
  menuLabel: "Download the workshop report",
  formats: {
    html: "Web page (HTML, printable)",
    md: "Markdown",
    docx: "Word (DOCX)",
    json: "Open data (JSON)",
    csv: "Spreadsheet (CSV)",
  },
  privacy: "Names are replaced by pseudonyms; hidden notes are left out.",
  working: "Preparing {{format}}…",
  failed: "The download failed: {{message}}",
  done: "Downloaded {{format}}",
};
