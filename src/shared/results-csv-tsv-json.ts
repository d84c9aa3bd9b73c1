// Results as files: CSV (RFC 4180, opens in spreadsheets) and JSON. Pure, so every escaping rule is unit-tested.
// A spreadsheet shows cells as bare text, without isolating their direction, so the CSV holds names and labels as
// the app shows them, control characters written out (`<U+202E>`): a cell can never read reversed. The JSON is
// for programs and keeps them exactly as they are (JSON escapes nothing that could run).
import { scoreText } from './score-text';
import { visibleText } from './visible-text';

export interface ResultRow {
  image: string;
  label: string;
  /** Undefined when the model's trained scale is unknown and only similarities mean anything. */
  probability?: number;
  similarity: number;
  /** What the PrefixLM made of the row's image; absent when the Describe view was never opened. */
  describe?: DescribedRow;
}

export interface DescribedRow {
  /** The PrefixLM's probability of this row's label (softmax of the labels' mean log-probabilities). */
  likelihood?: number;
  caption?: string;
  answer?: string;
  continuation?: string;
}

/** The Describe view's settings, in the JSON export's context once it was opened. */
interface DescribeContext {
  question: string;
  prefix: string;
  beams: number;
  /** The template's text the labels' likelihoods continue. */
  likelihoodPrefix: string;
}

export interface ExportContext {
  /** The model's id (a Hub repo id, or the bundled model's id). */
  model: string;
  template: string;
  /** How probabilities were made: 'softmax', 'sigmoid', or 'none' (similarities only). */
  scoring: string;
  describe?: DescribeContext;
}

const CSV_HEADER = ['image', 'label', 'probability', 'similarity'] as const;
const DESCRIBE_TEXTS = ['caption', 'answer', 'continuation'] as const;
const described = (rows: readonly ResultRow[]) => rows.some((row) => row.describe !== undefined);

/** A leading apostrophe keeps a cell that a spreadsheet would run as a formula as text. */
const guardFormula = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * One CSV text cell. A cell that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
 * return that hides one) gets a leading apostrophe, so an image named `=HYPERLINK(...)` stays text. Cells with a
 * comma, quote or line break are quoted, with quotes doubled.
 */
export function csvText(value: string): string {
  const safe = guardFormula(value);
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Numbers are written in full precision and are never guarded: a negative similarity is a number, not a formula. */
const csvNumber = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '' : String(value));

export function resultsToCsv(rows: readonly ResultRow[]): string {
  const withDescribe = described(rows);
  const header = withDescribe ? [...CSV_HEADER, 'likelihood', ...DESCRIBE_TEXTS] : CSV_HEADER;
  const lines = [header.join(',')];
  for (const row of rows) {
    const cells = [
      csvText(visibleText(row.image)),
      csvText(visibleText(row.label)),
      csvNumber(row.probability),
      csvNumber(row.similarity),
    ];
    if (withDescribe) {
      const d = row.describe;
      cells.push(csvNumber(d?.likelihood), ...DESCRIBE_TEXTS.map((key) => csvText(visibleText(d?.[key] ?? ''))));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The results as a table to paste into a spreadsheet (tab-separated, one line per image): a header row, then the
 * image name and one column per label in `labels` order, as percentages like the cards show them (similarities
 * when the model has no probabilities). Text cells are shown as in the CSV: control characters (tabs and line
 * breaks too) written out, formulas guarded, so every cell stays one cell.
 */
export function resultsToTsv(
  images: readonly { name: string; rows: readonly ResultRow[] }[],
  labels: readonly string[],
): string {
  const cell = (text: string) => guardFormula(visibleText(text));
  const value = (row: ResultRow | undefined) => {
    if (!row) return '';
    return row.probability === undefined
      ? scoreText(row.similarity, 'similarity')
      : scoreText(row.probability, 'probability');
  };
  // The PrefixLM's texts for the image, after the scores, once the Describe view was opened.
  const texts = images.some((image) => described(image.rows)) ? DESCRIBE_TEXTS : [];
  const lines = [['image', ...labels, ...texts].map(cell).join('\t')];
  for (const image of images) {
    const byLabel = new Map(image.rows.map((row) => [row.label, row]));
    const describe = image.rows[0]?.describe;
    const scores = labels.map((label) => value(byLabel.get(label)));
    lines.push([cell(image.name), ...scores, ...texts.map((key) => cell(describe?.[key] ?? ''))].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

export function resultsToJson(rows: readonly ResultRow[], context: ExportContext): string {
  const results = rows.map((row) => ({
    image: row.image,
    label: row.label,
    probability: row.probability ?? null,
    similarity: row.similarity,
    ...(row.describe && {
      likelihood: row.describe.likelihood ?? null,
      caption: row.describe.caption ?? null,
      answer: row.describe.answer ?? null,
      continuation: row.describe.continuation ?? null,
    }),
  }));
  return `${JSON.stringify({ ...context, results }, null, 2)}\n`;
}
