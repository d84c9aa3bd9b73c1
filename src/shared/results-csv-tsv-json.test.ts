import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../tests/helpers/csv';
import { csvText, resultsToCsv, resultsToJson, resultsToTsv, type ResultRow } from './results-csv-tsv-json';

const ROWS: ResultRow[] = [
  { image: 'red-circle.png', label: 'red circle', probability: 0.875, similarity: 0.3125 },
  { image: 'a, "b".png', label: 'two\nlines', probability: 1e-7, similarity: -0.0625 },
  { image: '=cmd|calc.png', label: '+1 bonus', probability: undefined, similarity: 0.5 },
];

describe('CSV export', () => {
  it('writes a header and one line per row, with numbers in full precision', () => {
    const csv = resultsToCsv(ROWS.slice(0, 1));
    expect(csv).toBe('image,label,probability,similarity\r\nred-circle.png,red circle,0.875,0.3125\r\n');
  });

  it('quotes commas, quotes and line breaks so every cell reads back intact', () => {
    const cells = parseCsv(resultsToCsv(ROWS));
    expect(cells[2]).toEqual(['a, "b".png', 'two<U+000A>lines', '1e-7', '-0.0625']);
    expect(parseCsv(`${csvText('two\nlines')}\r\n`)[0]).toEqual(['two\nlines']);
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText(' padded ')).toBe('" padded "');
  });

  it.each(['=SUM(A1)', '+1', '-2', '@cmd', '\tTAB', '\rCR'])('guards %j against running as a formula', (value) => {
    expect(csvText(value).replace(/^"|"$/g, '').startsWith(`'`)).toBe(true);
  });

  it('never guards numbers, and leaves unknown probabilities empty', () => {
    expect(parseCsv(resultsToCsv(ROWS))[3]).toEqual([`'=cmd|calc.png`, `'+1 bonus`, '', '0.5']);
  });

  it('writes names and labels as the app shows them: bidi and other control characters made visible', () => {
    const rows = [{ image: '\u202Egnp.exe', label: 'cat\u200B', probability: 0.5, similarity: 0.25 }];
    expect(parseCsv(resultsToCsv(rows))[1]).toEqual(['<U+202E>gnp.exe', 'cat<U+200B>', '0.5', '0.25']);
    // An invisible character cannot hide a formula from the guard either.
    expect(parseCsv(resultsToCsv([{ ...rows[0]!, image: '\u200B=cmd' }]))[1]![0]).toBe('<U+200B>=cmd');
  });

  it('keeps names and labels exact in JSON, for programs', () => {
    const json = JSON.parse(
      resultsToJson([{ image: '\u202Egnp.exe', label: 'cat', similarity: 0.25 }], {
        model: 'm',
        template: '{}',
        scoring: 'none',
      }),
    );
    expect(json.results[0].image).toBe('\u202Egnp.exe');
  });

  it('leaves ordinary text alone', () => {
    expect(csvText('blue star')).toBe('blue star');
    expect(csvText('étoile ✨')).toBe('étoile ✨');
  });
});

describe('JSON export', () => {
  it('holds the context and every row, with null for unknown probabilities', () => {
    const json = JSON.parse(resultsToJson(ROWS, { model: 'm', template: 'a {}', scoring: 'softmax' }));
    expect(json.model).toBe('m');
    expect(json.template).toBe('a {}');
    expect(json.results).toHaveLength(3);
    expect(json.results[1]).toEqual({
      image: 'a, "b".png',
      label: 'two\nlines',
      probability: 1e-7,
      similarity: -0.0625,
    });
    expect(json.results[2].probability).toBeNull();
  });
});

describe('TSV for the clipboard', () => {
  const image = (name: string, rows: ResultRow[]) => ({ name, rows });

  it('writes a header, then one line per image with a percentage per label in label order', () => {
    const tsv = resultsToTsv(
      [
        image('red-circle.png', [
          { image: 'red-circle.png', label: 'circle', probability: 0.8751, similarity: 0.3 },
          { image: 'red-circle.png', label: 'star', probability: 0.1249, similarity: 0.1 },
        ]),
        image('star.png', [
          { image: 'star.png', label: 'star', probability: 0.99, similarity: 0.3 },
          { image: 'star.png', label: 'circle', probability: 0.01, similarity: 0.1 },
        ]),
      ],
      ['star', 'circle'],
    );
    expect(tsv).toBe('image\tstar\tcircle\nred-circle.png\t12.5%\t87.5%\nstar.png\t99.0%\t1.0%\n');
  });

  it('keeps two images with one name apart, and writes similarities when there are no probabilities', () => {
    const rows = (similarity: number) => [{ image: 'a.png', label: 'cat', probability: undefined, similarity }];
    expect(resultsToTsv([image('a.png', rows(0.25)), image('a.png', rows(-0.125))], ['cat'])).toBe(
      'image\tcat\na.png\t0.250\na.png\t-0.125\n',
    );
  });

  it('keeps every cell one cell: tabs and line breaks written out, formulas guarded', () => {
    const name = 'tab\there\nand=1';
    const tsv = resultsToTsv(
      [image(name, [{ image: name, label: '=cat', probability: 0.5, similarity: 0 }])],
      ['=cat'],
    );
    const lines = tsv.trimEnd().split('\n');
    expect(lines.map((line) => line.split('\t'))).toEqual([
      ['image', `'=cat`],
      ['tab<U+0009>here<U+000A>and=1', '50.0%'],
    ]);
  });

  it('leaves a cell empty for a label an image has no score for', () => {
    expect(resultsToTsv([image('a.png', [])], ['cat'])).toBe('image\tcat\na.png\t\n');
  });
});
