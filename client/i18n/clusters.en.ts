/** Affinity clusters on the stage boards (English); merged into the catalog under `clusters`. */
export const clustersEn = {
  add: "New cluster",
  defaultName: "Cluster {{n}}",
  label: "Cluster: {{name}}",
  unnamed: "Unnamed cluster",
  name: "Cluster name",
  move: "Move cluster {{name}} (drag, or arrow keys)",
  color: "Cluster color",
  collapse: "Collapse cluster {{name}}",
  expand: "Expand cluster {{name}}",
  ungroup: "Ungroup {{name}}",
  count_one: "{{count}} note",
  count_other: "{{count}} notes",
  noteSelect: "Move to cluster…",
  none: "No cluster",
  ungrouped: "Cluster {{name}} ungrouped.",
};
