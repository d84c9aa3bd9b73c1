import { describe, expect, it } from 'vitest';
import { wantedTask, type DescribeInputs } from './describe-work';

const inputs = (question: string): DescribeInputs => ({
  question,
  prefix: '',
  beams: 1,
  labels: ['red circle'],
  template: 'a photo of a {}.',
});

describe('the prompt a question becomes', () => {
  it('wraps a bare question in the trained form', () => {
    expect(wantedTask('answer', inputs(' what colour is the star? '))?.prefix).toBe(
      'question: what colour is the star? answer:',
    );
  });

  it('takes a question typed in the trained form as it is, never doubling its parts', () => {
    expect(wantedTask('answer', inputs('Question: what colour is the star? answer:'))?.prefix).toBe(
      'question: what colour is the star? answer:',
    );
  });

  it('asks nothing for a blank question, or one that is only the form', () => {
    expect(wantedTask('answer', inputs('   '))).toBeUndefined();
    expect(wantedTask('answer', inputs('question: answer:'))).toBeUndefined();
  });
});
