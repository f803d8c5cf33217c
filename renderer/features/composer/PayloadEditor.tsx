// The CodeMirror payload editor, loaded lazily (React.lazy) to keep the first bundle small.
// It lives in a shadow root: CodeMirror then puts its styles in a constructed stylesheet adopted
// by that root, which the page's strict CSP (style-src 'self', no nonce) allows, whereas the
// <style> element it uses on a plain document would be blocked.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { PayloadMode } from '../../../electron/shared/limits';

export interface PayloadEditorProps {
  value: string;
  mode: PayloadMode;
  /** The accessible name of the editable area ("Payload"). */
  label: string;
  invalid: boolean;
  placeholderText: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  /** Filled with a function that focuses the editor, for the visible label and error links. */
  focusRef: { current: (() => void) | null };
}

// Colours are the page's variables (custom properties reach into the shadow root), so the editor
// follows the light or dark theme without being rebuilt.
const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'var(--panel)', color: 'var(--text)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    lineHeight: '1.5',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--panel-subtle)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border-soft)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--panel-subtle)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--panel-hover)' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--accent-soft)' },
});

// CodeMirror's default token styles with its fixed colours swapped for theme variables (the JSON
// ones by name; any other token keeps the text colour, readable on both backgrounds).
const TOKEN_COLOURS: Record<string, string> = {
  '#a11': 'var(--code-string)',
  '#164': 'var(--code-number)',
  '#219': 'var(--code-atom)',
  '#708': 'var(--code-keyword)',
};
const highlightStyle = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) =>
    typeof spec.color === 'string' ? { ...spec, color: TOKEN_COLOURS[spec.color] ?? 'var(--text)' } : spec,
  ),
);

export default function PayloadEditor(props: PayloadEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  // The latest props, for CodeMirror's listeners; declared first, so it is set before the view is made.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const compartments = useRef({
    language: new Compartment(),
    attributes: new Compartment(),
    placeholder: new Compartment(),
  });

  useEffect(() => {
    const host = hostRef.current!;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const { language, attributes, placeholder: placeholderSlot } = compartments.current;
    const p = latest.current;
    const view = new EditorView({
      root: shadow,
      parent: shadow,
      state: EditorState.create({
        doc: p.value,
        extensions: [
          // Ctrl/Cmd+Enter sends; without this CodeMirror would insert a blank line.
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (latest.current.onSubmit(), true) }])),
          lineNumbers(),
          highlightActiveLine(),
          history(),
          bracketMatching(),
          syntaxHighlighting(highlightStyle),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          theme,
          language.of(p.mode === 'json' ? json() : []),
          attributes.of(contentAttributes(p)),
          placeholderSlot.of(placeholder(p.placeholderText)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    p.focusRef.current = () => view.focus();
    return () => {
      view.destroy();
      viewRef.current = null;
      p.focusRef.current = null;
    };
  }, []);

  // Outside changes (format, minify, load from history) replace the document.
  useEffect(() => {
    const view = viewRef.current;
    if (view && view.state.doc.toString() !== props.value) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  const { mode, label, invalid, placeholderText } = props;
  useEffect(() => {
    const { language, attributes, placeholder: placeholderSlot } = compartments.current;
    viewRef.current?.dispatch({
      effects: [
        language.reconfigure(mode === 'json' ? json() : []),
        attributes.reconfigure(contentAttributes({ label, invalid })),
        placeholderSlot.reconfigure(placeholder(placeholderText)),
      ],
    });
  }, [mode, label, invalid, placeholderText]);

  return <div ref={hostRef} className="payload-editor" />;
}

function contentAttributes(p: Pick<PayloadEditorProps, 'label' | 'invalid'>) {
  return EditorView.contentAttributes.of({ 'aria-label': p.label, 'aria-invalid': String(p.invalid) });
}
