import { authorLabel, type ReportLocale, reportLabels } from "./labels";
import type { Report } from "./model";

/**
 * Columns of the CSV export, one row per contribution (see docs/open-data.md). `status` came last, so
 * spreadsheets and scripts that read the columns before it by position still do.
 */
export const CSV_COLUMNS = [
  "id",
  "stage",
  "kind",
  "text",
  "cluster",
  "votes",
  "author",
  "time",
  "status",
] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

/**
 * Spreadsheets run cells that start with = + - @ (or a tab/CR before them) as formulas: such a cell
 * gets a leading apostrophe, the usual guard (OWASP "CSV injection"); docs/open-data.md says so.
 */
export const guardCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The rows of the CSV export; the server writes them with a real CSV library (and a BOM). */
export function csvRows(report: Report, locale: ReportLocale = "th"): CsvRow[] {
  const l = reportLabels(locale);
  return report.contributions.map((c) => ({
    id: c.id,
    stage: c.stage,
    kind: c.kind,
    text: guardCell(c.text),
    cluster: guardCell(c.cluster ?? ""),
    votes: c.votes,
    author: authorLabel(report, c.author, l),
    time: c.createdAt ? new Date(c.createdAt).toISOString() : "",
    status: c.status ?? "",
  }));
}
