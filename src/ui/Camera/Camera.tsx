import { useEffect, useId, useMemo, useRef } from 'react';
import { pauseCamera, startCamera, stopCamera, switchCamera } from '../../store/camera-capture';
import { scoreLabels, selectLabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { BarChart } from '../BarChart/BarChart';

/** Live camera mode: frames classified one at a time against the current labels, the chart updating in place. */
export function Camera() {
  const id = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const state = useAppStore((s) => s.cameraState);
  const error = useAppStore((s) => s.cameraError);
  const devices = useAppStore((s) => s.cameraDevices);
  const deviceId = useAppStore((s) => s.cameraDeviceId);
  const embeds = useAppStore((s) => s.cameraEmbeds);
  const fps = useAppStore((s) => s.cameraFps);
  const frames = useAppStore((s) => s.cameraFrames);
  const matrix = useAppStore(selectLabelMatrix);
  const rule = useAppStore((s) => s.scoringRule);
  const scores = useMemo(() => scoreLabels(embeds, matrix, rule), [embeds, matrix, rule]);
  // Leaving the tab releases the camera.
  useEffect(() => stopCamera, []);
  const on = state === 'live' || state === 'paused' || state === 'starting';

  return (
    <section className="camera" aria-label="Live camera">
      <div className="toolbar">
        <button
          type="button"
          data-testid="camera-toggle"
          aria-pressed={on}
          onClick={() => (on ? stopCamera() : videoRef.current && void startCamera(videoRef.current, deviceId))}
        >
          {on ? 'Stop camera' : 'Start camera'}
        </button>
        <button
          type="button"
          disabled={state !== 'live' && state !== 'paused'}
          aria-pressed={state === 'paused'}
          onClick={() => pauseCamera(state !== 'paused')}
        >
          {state === 'paused' ? 'Resume' : 'Pause'}
        </button>
        {devices.length > 0 && (
          <label htmlFor={`${id}-device`}>
            Camera device{' '}
            <select
              id={`${id}-device`}
              value={deviceId ?? ''}
              disabled={!on || devices.length < 2}
              onChange={(e) => switchCamera(e.target.value)}
            >
              {devices.map((d) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {/* Not a live region: it changes many times a second, which would flood a screen reader. */}
        <span>
          <span data-testid="fps" data-fps={fps.toFixed(2)}>
            {state === 'paused' ? 'paused' : `${fps.toFixed(1)} fps`}
          </span>
          <span className="hint"> · {frames} frames classified</span>
        </span>
      </div>
      {state === 'error' && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {state === 'off' && (
        <p className="hint">
          Start the camera to classify what it sees against your labels, frame by frame. The video stays on this device.
        </p>
      )}
      <div
        className="result-card camera-card"
        data-testid="result-card"
        data-image-name="camera"
        data-state={scores ? 'done' : on ? 'encoding' : 'queued'}
        hidden={!on}
      >
        <video ref={videoRef} className="camera-video" muted playsInline aria-label="Camera preview" />
        {scores ? (
          <BarChart labels={matrix.labels} scores={scores} rule={rule} />
        ) : (
          on && <p className="hint">{matrix.labels.length ? 'Starting…' : 'Add labels to see scores.'}</p>
        )}
      </div>
    </section>
  );
}
