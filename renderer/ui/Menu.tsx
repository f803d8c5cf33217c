// The app's menus: a <details> whose summary is the button. Enter or Space opens one; Escape
// closes it with focus back on its button; a click outside it or on one of its items closes it too.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  label: string;
  className: string;
  buttonClassName: string;
  /** The menu's list; picking one of its `.menu-item` buttons closes the menu. */
  children: ReactNode;
}

export function Menu({ label, className, buttonClassName, children }: Props) {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const outside = (e: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(e.target as Node)) details.open = false;
    };
    // One of its items picked: the menu has done its work.
    const picked = (e: MouseEvent) => {
      const details = ref.current;
      const target = e.target as Element;
      if (details?.contains(target) && target.closest('.menu-item')) details.open = false;
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('click', picked);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('click', picked);
    };
  }, []);

  return (
    <details
      ref={ref}
      className={className}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !ref.current?.open) return;
        e.preventDefault();
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary className={buttonClassName}>{label}</summary>
      {children}
    </details>
  );
}
