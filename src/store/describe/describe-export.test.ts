import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../tests/helpers/csv';
import { resultsToCsv, resultsToJson, resultsToTsv } from '../../shared/results-csv-tsv-json';
import { exportContext, imageResults } from '../results-for-export';
import { createAppStore } from '../store';
import { LOADED_GENERATOR } from './fake-generator-client';

const done = (text: string) => ({ state: 'done' as const, text, tokenIds: [1], stopped: false });

function scoredStore() {
  const store = createAppStore();
  const s = store.getState();
  s.setLabelsText('cat\ndog');
  s.setTemplate('a photo of a {}.');
  s.addTextEmbeds(['a photo of a cat.', 'a photo of a dog.'], new Float32Array([1, 0, 0, 1]));
  s.addImages([{ id: 'i1', name: 'pet.png', file: new Blob([]), state: 'done', embeds: new Float32Array([1, 0]) }]);
  return store;
}

describe('export with the Describe view', () => {
  it('has no describe columns or fields while the Describe view was never opened', () => {
    const store = scoredStore();
    const rows = imageResults(store.getState()).flatMap((r) => r.rows);
    expect(parseCsv(resultsToCsv(rows))[0]).toEqual(['image', 'label', 'probability', 'similarity']);
    const json = JSON.parse(resultsToJson(rows, exportContext(store.getState())));
    expect(json.describe).toBeUndefined();
    expect(Object.keys(json.results[0])).toEqual(['image', 'label', 'probability', 'similarity']);
  });

  it('adds the likelihood of each label and the caption, answer and continuation once it was opened', () => {
    const store = scoredStore();
    const s = store.getState();
    s.setGeneratorStatus({ phase: 'ready', modelId: 'clipscope-mini-prefixlm', model: LOADED_GENERATOR });
    s.setDescribeQuestion('what animal is it?');
    s.setDescribePrefix('a photo of');
    s.setDescribeByImage({
      i1: {
        caption: done('a cat on a mat'),
        answer: done('cat'),
        continuation: { ...done(''), state: 'streaming' },
        likelihood: {
          state: 'done',
          labels: ['dog', 'cat'],
          probabilities: [0.25, 0.75],
          meanLogProbs: [-2, -1],
          prefix: 'a photo of a',
        },
      },
    });
    const state = store.getState();
    const results = imageResults(state);
    const cells = parseCsv(resultsToCsv(results.flatMap((r) => r.rows)));
    expect(cells[0]).toEqual([
      'image',
      'label',
      'probability',
      'similarity',
      'likelihood',
      'caption',
      'answer',
      'continuation',
    ]);
    const catRow = cells.find((row) => row[1] === 'cat')!;
    expect(catRow.slice(4)).toEqual(['0.75', 'a cat on a mat', 'cat', '']); // a streaming text is not finished
    expect(cells.find((row) => row[1] === 'dog')![4]).toBe('0.25');
    const json = JSON.parse(
      resultsToJson(
        results.flatMap((r) => r.rows),
        exportContext(state),
      ),
    );
    expect(json.describe).toEqual({
      question: 'what animal is it?',
      prefix: 'a photo of',
      beams: 1,
      likelihoodPrefix: 'a photo of a',
    });
    expect(json.results.find((r: { label: string }) => r.label === 'dog')).toMatchObject({
      likelihood: 0.25,
      caption: 'a cat on a mat',
      answer: 'cat',
      continuation: null,
    });
    const tsv = resultsToTsv(results, ['cat', 'dog'])
      .slice(0, -1) // the final line break
      .split('\n')
      .map((line) => line.split('\t'));
    expect(tsv[0]).toEqual(['image', 'cat', 'dog', 'caption', 'answer', 'continuation']);
    expect(tsv[1]!.slice(3)).toEqual(['a cat on a mat', 'cat', '']);
  });

  it('writes captions as the app shows them in CSV: control characters visible, formulas guarded', () => {
    const rows = [{ image: 'a.png', label: 'x', similarity: 0.5, describe: { caption: '=cmd\u202E', likelihood: 1 } }];
    expect(parseCsv(resultsToCsv(rows))[1]).toEqual(['a.png', 'x', '', '0.5', '1', `'=cmd<U+202E>`, '', '']);
  });
});
