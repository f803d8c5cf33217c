// A labelled form row: visible <label>, the control, then either its error or its hint. The
// control itself is passed in and must carry `id` and `aria-describedby={messageId(id)}`.
import type { InputHTMLAttributes, ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  error?: string | null;
  hint?: ReactNode;
  warning?: string | null;
  children: ReactNode;
  className?: string;
}

export const messageId = (id: string) => `${id}-message`;

export function Field({ id, label, error, hint, warning, children, className }: Props) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      <div id={messageId(id)} className="field-message">
        {error ? (
          <span className="error-text">{error}</span>
        ) : warning ? (
          <span className="warning-text">{warning}</span>
        ) : (
          hint && <span className="hint-text">{hint}</span>
        )}
      </div>
    </div>
  );
}

/**
 * The text input of a Field holding an identifier, a key or a name: no spell check or autofill,
 * described by the Field's message and marked invalid with it; data-identifier lets the layout test
 * hold it to the width of a real id.
 */
export function IdInput({
  id,
  invalid,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { id: string; invalid?: boolean }) {
  return (
    <input
      id={id}
      type="text"
      spellCheck={false}
      autoComplete="off"
      data-identifier=""
      aria-describedby={messageId(id)}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}
