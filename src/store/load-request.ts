// The load request for a model, built in one place so the main view and the comparison view load a model the same
// way (its files, its weights, its learned scoring).
import { findModel, type CatalogueModel, type Dtype } from '../model/catalogue/catalogue';
import type { ConfigScoring } from '../model/scoring/config-scoring';
import type { ScoringRule } from '../model/scoring/score-image';
import { repoUrl } from '../shared/hub-host';
import type { BackendPreference, LoadedModel, LoadRequest } from '../shared/protocol';

export const LOCAL_PREFIX = 'local:';

export interface ModelChoice {
  hubHost: string;
  backend: BackendPreference;
  dtype?: Dtype;
  /** The files of a folder from disk (a `local:` model). */
  localFiles?: Record<string, Blob>;
}

/** The model entry for an id: the catalogue's, or an uncatalogued one for a repo id or a folder from disk. */
export function modelEntry(modelId: string): CatalogueModel | undefined {
  if (!modelId.startsWith(LOCAL_PREFIX)) return findModel(modelId);
  const folder = findModel('local/folder')!;
  return { ...folder, id: modelId, name: `the folder ${modelId.slice(LOCAL_PREFIX.length)}` };
}

export function loadRequest(model: CatalogueModel, choice: ModelChoice): Omit<LoadRequest, 'type' | 'id'> {
  const local = choice.localFiles !== undefined;
  const bundled = model.bundledPath !== undefined || local;
  const dtypes = Object.keys(model.sizeMb) as Dtype[];
  return {
    modelUrl: bundled
      ? new URL(model.bundledPath ?? './', document.baseURI).href
      : repoUrl(choice.hubHost, model.id, model.revision),
    useCache: !bundled,
    localFiles: choice.localFiles,
    backend: choice.backend,
    dtypes: dtypes.length ? dtypes : ['fp32', 'fp16', 'q8'],
    wasmDtype: model.wasmDtype,
    padTo: model.padTo ?? 0,
    dtype: choice.dtype,
    scoringWeightsUrl:
      model.learnedScoring && !bundled
        ? repoUrl(choice.hubHost, model.learnedScoring.repo, model.revision) + model.learnedScoring.path
        : undefined,
    uncatalogued: model.uncatalogued ? { repo: local ? undefined : model.id, hubHost: choice.hubHost } : undefined,
  };
}

/** How scores become probabilities; undefined when only cosine similarities mean anything. */
export function scoringRule(model: CatalogueModel, loaded: LoadedModel): ScoringRule | undefined {
  if (loaded.configScoring) return configRule(loaded.configScoring);
  const logitScale = loaded.logitScale ?? model.logitScale;
  const logitBias = loaded.logitBias ?? model.logitBias;
  if (logitScale === undefined || (model.scoring === 'sigmoid' && logitBias === undefined)) return undefined;
  return { kind: model.scoring, logitScale, logitBias: logitBias ?? 0 };
}

function configRule(scoring: ConfigScoring): ScoringRule | undefined {
  if (scoring.kind === 'softmax') return { kind: 'softmax', logitScale: scoring.logitScale, logitBias: 0 };
  if (scoring.kind === 'sigmoid')
    return { kind: 'sigmoid', logitScale: scoring.logitScale, logitBias: scoring.logitBias };
  return undefined;
}
