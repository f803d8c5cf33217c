// A modal built on the native <dialog>: showModal() makes the rest of the page inert (focus stays
// inside) and Escape raises `cancel`. Mounting opens it, unmounting closes it and puts focus back
// where it was, so callers simply render it while it should be open. A modeless one (show()) leaves
// the page usable beside it, for a view the user watches while working, such as a stream's tail.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** Added to the dialog's own classes, for a size of its own. */
  className?: string;
  /** Leave the rest of the window usable; Escape inside still closes it. */
  modeless?: boolean;
}

export function Dialog({ title, onClose, children, footer, wide, className, modeless }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (modeless) dialog.show();
      else dialog.showModal();
    }
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, [modeless]);

  return (
    <dialog
      ref={ref}
      className={`${wide ? 'dialog dialog-wide' : 'dialog'}${modeless ? ' dialog-modeless' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        // A modeless dialog gets no `cancel` from Escape.
        if (modeless && e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId} title={title}>
          {title}
        </h2>
      </header>
      <div className="dialog-body">{children}</div>
      {footer && <footer className="dialog-footer">{footer}</footer>}
    </dialog>
  );
}
