import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { deleteCachedModel, listCachedModels, type CachedModel } from '../../client/model-cache';
import { formatBytes } from '../../shared/transfer-format';
import { openPickedFolder, saveHubHost } from '../../store/model-loading';
import { useAppStore } from '../../store/store';
import { focusNeighbourOf } from '../focus/focus';
import { WeightsPicker } from './WeightsPicker';

/** Settings: the chosen model's weights and licence, the model host, and the models kept in this browser. */
export function ModelsPanel() {
  const [models, setModels] = useState<CachedModel[]>([]);
  const summary = useRef<HTMLElement>(null);
  const hubHost = useAppStore((s) => s.hubHost);
  const phase = useAppStore((s) => s.modelStatus.phase);
  const [hostDraft, setHostDraft] = useState(hubHost);
  const [hostError, setHostError] = useState('');
  const [folderError, setFolderError] = useState('');
  const refresh = useCallback(() => void listCachedModels().then(setModels), []);
  useEffect(refresh, [refresh, phase]);

  const saveHost = (event: FormEvent) => {
    event.preventDefault();
    setHostError(saveHubHost(hostDraft) ? '' : 'Enter an http(s) address such as https://huggingface.co.');
  };

  return (
    <details className="models-panel" onToggle={refresh}>
      <summary ref={summary}>Models and settings</summary>
      <WeightsPicker />
      <form onSubmit={saveHost}>
        <label htmlFor="hub-host">Model host (Hugging Face or a mirror with the same layout)</label>
        <input id="hub-host" value={hostDraft} onChange={(e) => setHostDraft(e.target.value)} />
        <button type="submit">Save host</button>
        {hostError && <p role="alert">{hostError}</p>}
      </form>
      <label htmlFor="model-folder">
        Open a model folder from this computer (Hub layout: config.json, onnx/…), or drop it on the page
      </label>
      <input
        id="model-folder"
        type="file"
        // Folder picking is not in React's input typings.
        {...{ webkitdirectory: '' }}
        multiple
        onChange={(e) => setFolderError(openPickedFolder(Array.from(e.target.files ?? [])))}
      />
      {folderError && <p role="alert">{folderError}</p>}
      <h2>Downloaded models</h2>
      {models.length === 0 ? (
        <p className="hint">None yet: models from the host are kept here after their first download.</p>
      ) : (
        <ul data-testid="cached-models">
          {models.map((m) => (
            <li key={m.folder}>
              {m.label}: {formatBytes(m.bytes)}{' '}
              <button
                type="button"
                onClick={(e) => {
                  focusNeighbourOf(e.currentTarget.closest('li'), 'button', () => summary.current);
                  void deleteCachedModel(m).then(refresh);
                }}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
