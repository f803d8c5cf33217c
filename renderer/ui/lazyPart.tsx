// Parts of the UI that are not on the first screen (batch composer, run view, stream browser, tail,
// dialogs) load on first use, so the window starts on less JavaScript. Once the first screen is up
// they are fetched in the background, so opening one rarely shows the loading state. A part whose
// file cannot be loaded (missing or damaged app files) shows an error with Reload, not a blank panel.
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 'block' reserves room in the flow where the part will appear; 'overlay' is for parts that open
 * as a dialog: the loading note floats above the page, so nothing under it moves.
 */
type Placeholder = 'block' | 'overlay';

const loaders: (() => Promise<unknown>)[] = [];
let preloading = false;

const whenIdle = (fn: () => void) =>
  typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(fn) : window.setTimeout(fn, 200);

export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: Placeholder = 'block',
): ComponentType<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  // One import shared by the background fetch and the first render, so a failure of either is seen by both.
  const once = () => (loading ??= load().then((part) => ({ default: part })));
  loaders.push(once);
  if (preloading) whenIdle(() => void once().catch(() => {}));
  const Lazy = lazy(once);
  return function LazyPart(props: P) {
    return (
      <LoadFailed placeholder={placeholder}>
        <Suspense fallback={<Loading placeholder={placeholder} />}>
          <Lazy {...props} />
        </Suspense>
      </LoadFailed>
    );
  };
}

/** Fetch every lazy part once the first screen has been drawn (an error shows when the part is opened). */
export function preloadLazyParts(): void {
  preloading = true;
  whenIdle(() => {
    for (const load of loaders) void load().catch(() => {});
  });
}

function Loading({ placeholder }: { placeholder: Placeholder }) {
  const { t } = useTranslation();
  return (
    <div className={`lazy-part lazy-part-${placeholder}`} role="status">
      {t('lazyPart.loading')}
    </div>
  );
}

function LoadError({ placeholder, message }: { placeholder: Placeholder; message: string }) {
  const { t } = useTranslation();
  return (
    <div className={`lazy-part lazy-part-${placeholder} lazy-part-failed`} role="alert">
      <span>
        {t('lazyPart.failed')} <code>{message}</code>
      </span>
      <button type="button" className="small" onClick={() => window.location.reload()}>
        {t('lazyPart.reload')}
      </button>
    </div>
  );
}

// React catches a failed import or render only in a class component (there is no hook for it).
class LoadFailed extends Component<{ placeholder: Placeholder; children: ReactNode }, { message: string | null }> {
  state = { message: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
  render() {
    const { message } = this.state;
    if (message === null) return this.props.children;
    return <LoadError placeholder={this.props.placeholder} message={message} />;
  }
}
