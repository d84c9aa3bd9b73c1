import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './explore.css';
import type { ExploreTab } from '../../store/explore-slice';
import { useAppStore } from '../../store/store';
import { Results } from '../Results/Results';
import { Camera } from '../Camera/Camera';
import { Compare } from '../Compare/Compare';
import { Describe } from '../Describe/Describe';
import { Ensemble } from '../Ensemble/Ensemble';
import { Matrix } from '../Matrix/Matrix';
import { Search } from '../Search/Search';

const TABS: { id: ExploreTab; name: string; view: () => ReactNode }[] = [
  { id: 'classify', name: 'Classify', view: () => <Results /> },
  { id: 'search', name: 'Search', view: () => <Search /> },
  { id: 'matrix', name: 'Matrix', view: () => <Matrix /> },
  { id: 'ensemble', name: 'Prompt ensembles', view: () => <Ensemble /> },
  { id: 'camera', name: 'Camera', view: () => <Camera /> },
  { id: 'compare', name: 'Compare models', view: () => <Compare /> },
  { id: 'describe', name: 'Describe', view: () => <Describe /> },
];

/** The classify view and the explore views, as WAI-ARIA tabs (arrow keys move between tabs). */
export function ExploreTabs() {
  const tab = useAppStore((s) => s.exploreTab);
  const setTab = useAppStore((s) => s.setExploreTab);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const current = TABS.find((t) => t.id === tab) ?? TABS[0]!;
  // On a narrow screen the row of tabs scrolls: keep the chosen one in it (also when another view chose it).
  useEffect(() => {
    const button = buttons.current[TABS.indexOf(current)];
    if (button?.parentElement) scrollIntoRow(button, button.parentElement);
  }, [current]);

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: TABS.length - 1 - index }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    setTab(TABS[next]!.id);
    buttons.current[next]?.focus();
  };

  return (
    <div className="explore">
      <div role="tablist" aria-label="Views" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`panel-${t.id}`}
            aria-selected={t.id === current.id}
            tabIndex={t.id === current.id ? 0 : -1}
            data-testid={`tab-${t.id}`}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="tab-panel">
        {current.view()}
      </div>
    </div>
  );
}

/** Scrolls `row` sideways just enough to show `tab`, without scrolling the page as scrollIntoView would. */
function scrollIntoRow(tab: HTMLElement, row: HTMLElement) {
  const box = tab.getBoundingClientRect();
  const frame = row.getBoundingClientRect();
  if (box.left < frame.left) row.scrollLeft -= frame.left - box.left;
  else if (box.right > frame.right) row.scrollLeft += box.right - frame.right;
}
