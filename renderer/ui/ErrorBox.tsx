// A failure from main as the user reads it: what went wrong, and under it what to do.
import type { ErrorText } from '../i18n/mainError';

export function ErrorBox({ text, className }: { text: ErrorText; className?: string }) {
  return (
    <div className={className ? `error-box ${className}` : 'error-box'} role="alert">
      <strong>{text.message}</strong>
      {text.hint && <span className="error-hint">{text.hint}</span>}
    </div>
  );
}
