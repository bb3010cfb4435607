/** English strings of publishing and the public pages (merged into the catalog under `publish`). */
export const publishEn = {
  publish: "Publish…",
  unpublish: "Unpublish",
  published: "Published",
  viewPublic: "Public page",
  confirmTitle: "Publish this workshop?",
  confirmBody:
    "Anyone with the address can then read the workshop report and download it as open data (JSON, CSV), without a link or an account. It is also listed on the open-data page.",
  confirmWhat:
    "Public: the title, the challenge, the notes, personas, statements, prototypes and vote results. Not public: names (replaced by “Participant 1”, “Participant 2”…), links and access keys, and hidden notes.",
  confirmUndo: "You can unpublish at any time; the public page and downloads disappear at once.",
  confirm: "Publish",
  cancel: "Cancel",
  nowPublished: "The workshop is published.",
  nowUnpublished: "The workshop is no longer public.",
  failed: "Could not change publishing: {{message}}",
  // Public pages
  openTitle: "Open workshop results",
  openIntro:
    "Results of design-thinking workshops published by public-sector innovation labs, as open data without personal data.",
  openEmpty: "No workshop has been published yet.",
  publishedOn: "Published {{date}}",
  loading: "Loading…",
  notFoundTitle: "This page is not public",
  notFoundBody: "The workshop does not exist or is not published (any more).",
  allPublished: "All published workshops",
  downloads: "Download the open data",
  downloadJson: "Open data (JSON)",
  downloadCsv: "Spreadsheet (CSV)",
  downloadNote: "Authors are pseudonyms; hidden notes are left out.",
  challenge: "Challenge",
  byStage: "Notes by stage",
  noNotes: "No notes.",
  votes_one: "{{count}} vote",
  votes_other: "{{count}} votes",
  by: "by {{author}}",
};
