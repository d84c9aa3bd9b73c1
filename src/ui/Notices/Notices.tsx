import { useAppStore } from '../../store/store';
import { focusFirst, modelPicker } from '../focus/focus';

/** Problems with a link or the model host, each in one sentence, until dismissed. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((notice, i) => (
        <p key={i}>{notice}</p>
      ))}
      <button
        type="button"
        onClick={() => {
          focusFirst(modelPicker()); // the notices go away with this button
          dismiss();
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
