// The choices a page address makes (?model, ?dtype, ?hub, ?backend), read and validated with size limits.
import { findModel } from '../model/catalogue/catalogue';
import type { Dtype } from '../model/catalogue/catalogue';
import { parseDtype } from '../model/catalogue/dtype-choice';
import { normalizeHost } from '../shared/hub-host';
import type { BackendPreference } from '../shared/protocol';
import { backendFromUrl } from '../shared/settings';

export interface UrlChoices {
  backend: BackendPreference;
  modelId?: string;
  dtype?: Dtype;
  /** A model host proposed by the link: used only after the user confirms it. */
  proposedHost?: string;
  /** Something in the link was refused, in words for the user. */
  problems: string[];
}

const MAX_PARAM_CHARS = 300;

export function readUrlChoices(search: string): UrlChoices {
  const params = new URLSearchParams(search.slice(0, 4 * MAX_PARAM_CHARS));
  const problems: string[] = [];
  const model = params.get('model');
  // Validated whole: a long value is refused, never cut to a prefix that happens to look valid.
  const modelId = model && model.length <= MAX_PARAM_CHARS && findModel(model) ? model : undefined;
  if (model && !modelId) problems.push(`The link names a model that is not a Hub repo id ("${model.slice(0, 80)}").`);
  const dtypeParam = params.get('dtype');
  const dtype = parseDtype(dtypeParam);
  if (dtypeParam && !dtype) problems.push(`The link asks for an unknown dtype ("${dtypeParam.slice(0, 20)}").`);
  const hub = params.get('hub');
  const proposedHost = normalizeHost(hub);
  if (hub && !proposedHost) problems.push('The link names a model host that is not an http(s) address.');
  return { backend: backendFromUrl(search), modelId, dtype, proposedHost, problems };
}
