import { useEffect, useMemo, useRef } from 'react';
import { sortedImages } from '../../store/sorted-cards';
import { clearImages } from '../../store/model-loading';
import { modelEntry } from '../../store/load-request';
import { useAppStore } from '../../store/store';
import { focusFirst, imagePicker } from '../focus/focus';
import { ExportButtons } from '../ExportButtons/ExportButtons';
import { FirstSteps } from '../FirstSteps/FirstSteps';
import { ResultCard } from '../ResultCard/ResultCard';
import { RunProgress } from '../RunProgress/RunProgress';
import { ScoreModeSwitch } from '../ScoreModeSwitch/ScoreModeSwitch';
import { SortCards } from '../SortCards/SortCards';
import { VisibleText } from '../VisibleText/VisibleText';
import { runningModelId } from '../../store/model-status';

/** Names the model whose scores the cards show (every card is scored by the model running). */
function AnsweringModel() {
  const modelId = useAppStore((s) => runningModelId(s.modelStatus));
  const name = modelId === undefined ? undefined : (modelEntry(modelId)?.name ?? modelId);
  const anyDone = useAppStore((s) => s.images.some((i) => i.state === 'done'));
  if (!name || !anyDone) return null;
  return (
    <p className="hint answering-model" data-testid="answering-model" data-model-id={modelId}>
      Scores from <VisibleText text={name} />
    </p>
  );
}

export function Results() {
  const images = useAppStore((s) => s.images);
  const scoreMode = useAppStore((s) => s.scoreMode);
  const setScoreMode = useAppStore((s) => s.setScoreMode);
  const cardSort = useAppStore((s) => s.cardSort);
  const scoringRule = useAppStore((s) => s.scoringRule);
  const labelsText = useAppStore((s) => s.labelsText);
  const template = useAppStore((s) => s.template);
  const textEmbeds = useAppStore((s) => s.textEmbeds);
  const promptTokens = useAppStore((s) => s.promptTokens);
  const shown = useMemo(
    () => sortedImages({ images, cardSort, scoreMode, scoringRule, labelsText, template, textEmbeds, promptTokens }),
    [images, cardSort, scoreMode, scoringRule, labelsText, template, textEmbeds, promptTokens],
  );
  // An example replaces the first screen (and the button that had focus) with cards: focus moves to the cards.
  const list = useRef<HTMLUListElement>(null);
  const focusCards = useRef(false);
  useEffect(() => {
    if (!focusCards.current || images.length === 0) return;
    focusCards.current = false;
    list.current?.focus();
  }, [images.length]);
  const done = images.filter((i) => i.state === 'done' || i.state === 'error').length;
  if (images.length === 0) return <FirstSteps onExample={() => (focusCards.current = true)} />;
  return (
    <>
      <div className="toolbar">
        <RunProgress done={done} total={images.length} />
        <ScoreModeSwitch name="score-mode" legend="Score shown" mode={scoreMode} onChange={setScoreMode} />
        <SortCards />
        <ExportButtons />
        <button
          type="button"
          onClick={() => {
            focusFirst(imagePicker());
            clearImages();
          }}
        >
          Clear all
        </button>
      </div>
      <AnsweringModel />
      <ul className="results" aria-label="Results" ref={list} tabIndex={-1}>
        {shown.map((item) => (
          <ResultCard key={item.id} item={item} />
        ))}
      </ul>
    </>
  );
}
