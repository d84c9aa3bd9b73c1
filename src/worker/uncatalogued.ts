// A model the catalogue does not list: which weights it has (the tower files that exist) and how to score it
// (config.json's model_type; SigLIP's trained scale and bias read from original weights, as for the catalogue's).
import type { Dtype } from '../model/catalogue/catalogue';
import {
  decideConfigScoring,
  planConfigScoring,
  type ConfigScoring,
  type LearnedValues,
} from '../model/scoring/config-scoring';
import { repoUrl } from '../shared/hub-host';
import type { LoadRequest } from '../shared/protocol';
import { availableDtypes, fetchLearnedScoring, type FetchContext, type ModelFiles } from './model-files';

export interface UncataloguedModel {
  padTo: number;
  dtypes: Dtype[];
  scoring: ConfigScoring;
}

export async function describeUncatalogued(
  source: NonNullable<LoadRequest['uncatalogued']>,
  config: ModelFiles['config'],
  context: FetchContext,
): Promise<UncataloguedModel> {
  const plan = planConfigScoring(config, source.repo);
  let learned: LearnedValues | undefined;
  for (const repo of plan.weightRepos) {
    const url = repoUrl(source.hubHost, repo, 'main') + 'model.safetensors';
    learned = await fetchLearnedScoring(context, url).catch(() => undefined);
    if (learned) break;
  }
  const dtypes = await availableDtypes(context);
  if (dtypes.length === 0) {
    throw new Error(
      'it has no ONNX towers in the transformers.js layout (onnx/vision_model.onnx and onnx/text_model.onnx, or their _fp16 or _quantized variants)',
    );
  }
  return { padTo: plan.padTo, dtypes, scoring: decideConfigScoring(config, learned) };
}
