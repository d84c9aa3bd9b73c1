import { memo } from 'react';
import type { DescribeImageState } from '../../store/describe/describe-types';
import type { ImageItem } from '../../store/images-slice';
import { CardHead } from '../CardHead/CardHead';
import { GeneratedText } from './GeneratedText';
import { StrategyCharts, type CardAgreement, type ClipSide } from './StrategyCharts';

interface Props {
  item: ImageItem;
  state: DescribeImageState | undefined;
  question: string;
  prefix: string;
  clip: ClipSide;
  agreement: CardAgreement | undefined;
}

/** One image in the Describe view: what the PrefixLM writes about it, then both strategies' charts. */
export const DescribeCard = memo(function DescribeCard({ item, state, question, prefix, clip, agreement }: Props) {
  return (
    <li className="result-card describe-card" data-testid="describe-card" data-image-name={item.name}>
      <CardHead item={item} />
      <dl className="generated-list">
        <dt>Caption</dt>
        <dd>
          <GeneratedText kind="caption" imageName={item.name} value={state?.caption} />
        </dd>
        {question.trim() !== '' && (
          <>
            <dt>Answer</dt>
            <dd>
              <GeneratedText kind="answer" imageName={item.name} value={state?.answer} />
            </dd>
          </>
        )}
        {prefix.trim() !== '' && (
          <>
            <dt>Continued</dt>
            <dd>
              <GeneratedText kind="continuation" imageName={item.name} value={state?.continuation} prefix={prefix} />
            </dd>
          </>
        )}
      </dl>
      <StrategyCharts imageName={item.name} clip={clip} likelihood={state?.likelihood} agreement={agreement} />
    </li>
  );
});
