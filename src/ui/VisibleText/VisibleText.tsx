import { visibleText } from '../../shared/visible-text';

/**
 * User-supplied text, isolated from the text around it (`<bdi>`: its direction cannot reorder the page's words)
 * and with control characters written out (`<U+202E>`), so "\u202Egnp.exe" cannot pass for "exe.png".
 */
export function VisibleText({ text, className }: { text: string; className?: string }) {
  return (
    <bdi className={className ? `user-text ${className}` : 'user-text'} dir="auto">
      {visibleText(text)}
    </bdi>
  );
}
