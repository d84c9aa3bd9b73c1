import { useId } from 'react';
import type { CardSort } from '../../store/card-order';
import { visibleText } from '../../shared/visible-text';
import { selectLabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';

const LABEL_PREFIX = 'label:';

function valueOf(sort: CardSort, labels: readonly string[]): string {
  if (sort.by !== 'label') return sort.by;
  return labels.includes(sort.label) ? `${LABEL_PREFIX}${sort.label}` : 'added'; // a removed label sorts nothing
}

function sortOf(value: string): CardSort {
  if (value.startsWith(LABEL_PREFIX)) return { by: 'label', label: value.slice(LABEL_PREFIX.length) };
  return { by: value === 'name' ? 'name' : value === 'top' ? 'top' : 'added' };
}

/** The "Sort" menu of the result cards: as added, by name, by top score, or by one label's score. */
export function SortCards() {
  const id = useId();
  const sort = useAppStore((s) => s.cardSort);
  const setSort = useAppStore((s) => s.setCardSort);
  const labels = useAppStore((s) => selectLabelMatrix(s).labels);
  return (
    <span className="sort-cards">
      <label htmlFor={`${id}-sort`}>Sort</label>{' '}
      <select
        id={`${id}-sort`}
        data-testid="sort-cards"
        value={valueOf(sort, labels)}
        onChange={(e) => setSort(sortOf(e.target.value))}
      >
        <option value="added">order added</option>
        <option value="name">name</option>
        <option value="top">top score</option>
        {labels.map((label) => (
          <option key={label} value={`${LABEL_PREFIX}${label}`}>
            score for {visibleText(label)}
          </option>
        ))}
      </select>
    </span>
  );
}
