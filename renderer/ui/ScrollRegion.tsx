// A box whose content scrolls on its own, reachable from the keyboard: focusable to scroll with
// the arrow keys, and named, so a screen reader says what the focused region holds.
import type { ReactNode } from 'react';

export function ScrollRegion({
  className,
  label,
  children,
}: {
  className: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
