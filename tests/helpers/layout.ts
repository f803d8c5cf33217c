// checkLayout(): what a user would see wrong on the screen the page shows now, measured from the
// DOM geometry of the real renderer (no screenshots to compare, no pixel thresholds):
//  covered  — a control is not what `elementFromPoint` finds at its centre once scrolled into view
//             the way focus scrolls it (block: 'nearest'), so something lies over it;
//  cut      — a label, badge, button, table cell or select shows less than its text without a
//             tooltip (`title`) holding the whole text;
//  narrow   — an identifier input (IdInput: ids, stream names, partition keys...) shows fewer than
//             20 characters in a window at least 1280 px wide;
//  apart    — a label set in a row beside its control (a flex row) wrapped onto another line
//             than the control;
//  primary  — the screen's main action (Send / Run / a dialog's Save) is outside the window and
//             no scroll container inside the window can bring it in;
//  under    — a bar stuck to the bottom of a scrolling area (Send / Run) lets what scrolls under
//             it show: it is not opaque, or something that paints (text, a control, a background
//             or border) shows in a strip of the area beside or below the stuck bar. Checked at
//             several scroll positions where the area's content goes on below the bar; at the
//             end of the scroll the bar sits at the form's edge, where nothing is under it.
// Each finding names the screen, window size, language, theme and the element.
import type { Page } from 'playwright-core';

export interface LayoutOptions {
  /** The screen's name as findings report it, e.g. 'single record (YDS)'. */
  label: string;
  /** CSS selector of the parts to check (all it matches); the open modal dialog, else the whole page, when omitted. */
  scope?: string;
  /** CSS selector of the main action; a send button or the open dialog's primary button when omitted. */
  primary?: string;
}

/** The identifier inputs of the renderer (IdInput marks them). */
export const IDENTIFIER_SELECTOR = 'input[data-identifier]';
/** Characters an identifier field must show at >= 1280 px: real YDS cloud and database ids are 20. */
export const IDENTIFIER_CHARS = 20;
export const IDENTIFIER_MIN_WINDOW = 1280;

export async function checkLayout(page: Page, options: LayoutOptions): Promise<string[]> {
  // tsx (scripts/screenshots.ts) wraps named inner functions in a `__name` helper the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(measure, {
    ...options,
    identifierSelector: IDENTIFIER_SELECTOR,
    identifierChars: IDENTIFIER_CHARS,
    identifierMinWindow: IDENTIFIER_MIN_WINDOW,
  });
}

/** The layout findings in light and dark, at 900×600 and 1920×1080: the sizes and themes every screen is looked at in. */
export async function checkLayoutEverywhere(page: Page, options: LayoutOptions): Promise<string[]> {
  const findings: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const size of [
      { width: 900, height: 600 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      findings.push(...(await checkLayout(page, options)));
    }
  }
  return findings;
}

interface MeasureInput extends LayoutOptions {
  identifierSelector: string;
  identifierChars: number;
  identifierMinWindow: number;
}

// Runs in the page: everything it needs is inside it (no closures over Node values).
function measure({
  label,
  scope,
  primary,
  identifierSelector,
  identifierChars,
  identifierMinWindow,
}: MeasureInput): string[] {
  const found = scope ? [...document.querySelectorAll(scope)] : [document.querySelector('dialog[open]:modal')];
  const roots = found.filter((el): el is Element => el !== null);
  const within = (selector: string) => [...new Set(roots.flatMap((r) => [...r.querySelectorAll(selector)]))];
  const html = document.documentElement;
  const dark = html.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const where = `${label} @ ${innerWidth}x${innerHeight} ${html.lang || '?'} ${dark}`;
  const findings: string[] = [];
  if (scope && !roots.length) findings.push(`${where}: nothing matches the scope ${scope}`);
  if (!roots.length) roots.push(document.body);
  const report = (rule: string, el: Element, detail: string) =>
    findings.push(`${where}: ${rule}: ${name(el)} ${detail}`);

  function squash(text: string | null | undefined): string {
    return (text ?? '').replace(/\s+/g, ' ').trim();
  }
  function short(text: string | null | undefined): string {
    const t = squash(text);
    return t.length > 50 ? `${t.slice(0, 49)}…` : t;
  }
  function name(el: Element): string {
    const tag = el.tagName.toLowerCase();
    const id = (el as HTMLElement).dataset?.testid ?? el.id;
    const labels = (el as HTMLInputElement).labels;
    const text =
      el.getAttribute('aria-label') ??
      (labels && labels.length ? labels[0].textContent : null) ??
      (el instanceof HTMLSelectElement ? el.selectedOptions[0]?.text : el.textContent) ??
      '';
    return `${tag}${id ? `#${id}` : ''} "${short(text)}"`;
  }
  function visible(el: Element): boolean {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    if (el.closest('[inert], [aria-hidden="true"]')) return false;
    // Also false inside a closed <details> (its content keeps a layout box there).
    return el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true });
  }
  function scrollsY(el: Element): boolean {
    const s = getComputedStyle(el);
    return /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
  }
  function fullText(el: Element): string {
    return squash(el instanceof HTMLSelectElement ? el.selectedOptions[0]?.text : el.textContent);
  }
  function hasTooltip(el: Element): boolean {
    // Text the page shortened itself ("…") counts as whole when the tooltip holds the rest.
    const text = fullText(el).replace(/…$/, '');
    const holder = el.closest('[title]');
    return Boolean(holder && text && squash(holder.getAttribute('title')).includes(text));
  }
  function textWidth(text: string, font: string): number {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = font;
    return ctx.measureText(text).width;
  }
  function innerWidthOf(el: Element): number {
    const s = getComputedStyle(el);
    return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  }

  // Scroll positions to put back afterwards: the caller re-checks the same screen at other sizes.
  const scrolled = [html, ...document.body.querySelectorAll('*')]
    .filter((el) => el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth)
    .map((el) => [el, el.scrollTop, el.scrollLeft] as const);

  // (d) first, before anything is scrolled: where the user finds the main action on arrival.
  const main =
    (primary ? document.querySelector(primary) : null) ??
    (primary ? null : within('dialog[open] .dialog-footer .primary, .send-button')[0]);
  if (primary && !main) findings.push(`${where}: primary: no element matches ${primary}`);
  if (main && visible(main)) {
    const r = main.getBoundingClientRect();
    const inWindow = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    let box = main.parentElement;
    while (box && box !== document.body && !scrollsY(box)) box = box.parentElement;
    const boxRect = box && box !== document.body ? box.getBoundingClientRect() : null;
    const reachable = boxRect !== null && boxRect.bottom <= innerHeight + 1 && boxRect.right <= innerWidth + 1;
    if (!inWindow && !reachable)
      report('primary', main, `is outside the window (top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)})`);
  }

  // (a) covered controls.
  const controls = within('button, input, select, textarea, [role=button], [role=tab], a[href], summary, .cm-content');
  for (const el of controls) {
    if (!visible(el)) continue;
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + Math.min(r.height / 2, 12);
    const hit = document.elementFromPoint(x, y);
    const own =
      hit !== null &&
      (hit === el ||
        el.contains(hit) ||
        [...((el as HTMLInputElement).labels ?? [])].some((l) => l.contains(hit)) ||
        (hit.closest('label') !== null && hit.closest('label')!.contains(el)));
    if (!own)
      report(
        'covered',
        el,
        `${hit ? `lies under ${name(hit)}` : 'is outside the window'} at ${Math.round(x)},${Math.round(y)}`,
      );
  }

  // (b) cut text.
  const texts = new Set<Element>(
    within('label, button, td, th, select, summary, [role=tab], [class*=badge], [class*=state]'),
  );
  for (const el of within('*')) if (getComputedStyle(el).textOverflow === 'ellipsis' && el.textContent) texts.add(el);
  for (const el of texts) {
    if (!visible(el) || !fullText(el)) continue;
    // A closed select shows the chosen option's text beside its arrow (about 20 px).
    const shown = el instanceof HTMLSelectElement ? innerWidthOf(el) - 20 : el.clientWidth + 1;
    const needed =
      el instanceof HTMLSelectElement ? textWidth(fullText(el), getComputedStyle(el).font) : el.scrollWidth;
    if (needed > shown && !hasTooltip(el))
      report(
        'cut',
        el,
        `shows ${Math.round(shown)}px of ${Math.round(needed)}px text "${short(fullText(el))}" without a tooltip`,
      );
  }

  // (e) labels beside their control stay on its line.
  for (const el of within('label')) {
    const control = (el as HTMLLabelElement).control;
    const row = el.parentElement;
    if (!control || el.contains(control) || !visible(el) || !visible(control) || !row) continue;
    const style = getComputedStyle(row);
    if (!style.display.includes('flex') || !style.flexDirection.startsWith('row')) continue;
    const a = el.getBoundingClientRect();
    const b = control.getBoundingClientRect();
    // A control filling the row's width sits on a line of its own by design (a label above an editor).
    const ownLine = b.width >= row.clientWidth * 0.9;
    if (!ownLine && (a.bottom <= b.top || b.bottom <= a.top))
      report('apart', el, `wrapped onto another line than ${name(control)}`);
  }

  // (c) identifier fields wide enough for real ids.
  if (innerWidth >= identifierMinWindow) {
    for (const el of within(identifierSelector)) {
      if (!visible(el)) continue;
      const need = textWidth('0'.repeat(identifierChars), getComputedStyle(el).font);
      const has = innerWidthOf(el);
      if (has < need)
        report('narrow', el, `shows ${Math.round(has)}px, ${identifierChars} characters need ${Math.round(need)}px`);
    }
  }

  // (f) what scrolls under a sticky bottom bar stays hidden.
  function transparent(color: string): boolean {
    if (color === 'transparent') return true;
    const alpha = /[,/]\s*([\d.]+%?)\s*\)$/.exec(color)?.[1];
    return alpha !== undefined && (alpha.endsWith('%') ? parseFloat(alpha) < 100 : parseFloat(alpha) < 1);
  }
  function paints(el: Element): boolean {
    if (el.matches('input, select, textarea, button, img, svg, canvas, progress, hr')) return true;
    if ([...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) return true;
    const s = getComputedStyle(el);
    if (!transparent(s.backgroundColor)) return true;
    return (['Top', 'Right', 'Bottom', 'Left'] as const).some(
      (side) =>
        parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 &&
        !transparent(s.getPropertyValue(`border-${side.toLowerCase()}-color`)),
    );
  }
  /** The part of an element its clipping ancestors below `box` leave on the screen. */
  function shownRect(el: Element, box: Element): DOMRect {
    let { left, top, right, bottom } = el.getBoundingClientRect();
    for (let a = el.parentElement; a && a !== box; a = a.parentElement) {
      if (getComputedStyle(a).overflow === 'visible') continue;
      const c = a.getBoundingClientRect();
      left = Math.max(left, c.left);
      top = Math.max(top, c.top);
      right = Math.min(right, c.right);
      bottom = Math.min(bottom, c.bottom);
    }
    return new DOMRect(left, top, right - left, bottom - top);
  }
  const bars = within('*').filter((el) => {
    const s = getComputedStyle(el);
    return s.position === 'sticky' && s.bottom !== 'auto' && visible(el);
  });
  for (const bar of bars) {
    const style = getComputedStyle(bar);
    if (transparent(style.backgroundColor) || parseFloat(style.opacity) < 1)
      report('under', bar, `is a sticky bar without an opaque background (${style.backgroundColor})`);
    let box = bar.parentElement;
    while (box && box !== document.body && !scrollsY(box)) box = box.parentElement;
    if (!box || box === document.body) continue;
    const area = box;
    const others = [...area.querySelectorAll('*')].filter(
      (el) => !bar.contains(el) && !el.contains(bar) && visible(el) && paints(el),
    );
    const shown = new Set<Element>();
    const range = area.scrollHeight - area.clientHeight;
    for (const share of [0, 0.25, 0.5, 0.75]) {
      area.scrollTop = Math.round(range * share);
      const b = bar.getBoundingClientRect();
      const a = area.getBoundingClientRect();
      const left = a.left + area.clientLeft;
      const top = a.top + area.clientTop;
      const right = left + area.clientWidth;
      const bottom = top + area.clientHeight;
      // Only a stuck bar has content under it; one at its place in the flow sits at the form's edge.
      const place = (bar as HTMLElement).style.position;
      (bar as HTMLElement).style.position = 'relative';
      const flow = bar.getBoundingClientRect();
      (bar as HTMLElement).style.position = place;
      if (flow.top - b.top < 1) continue;
      const strips = [
        new DOMRect(left, b.bottom, right - left, bottom - b.bottom),
        new DOMRect(left, b.top, b.left - left, b.height),
        new DOMRect(b.right, b.top, right - b.right, b.height),
      ];
      for (const el of others) {
        if (shown.has(el)) continue;
        const r = shownRect(el, area);
        const overlaps = strips.some(
          (s) =>
            Math.min(r.right, s.right) - Math.max(r.left, s.left) > 1 &&
            Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top) > 1,
        );
        if (!overlaps) continue;
        shown.add(el);
        report('under', el, `shows beside or below the sticky bar ${name(bar)} (scrolled to ${area.scrollTop}px)`);
      }
    }
  }

  for (const [el, top, left] of scrolled) el.scrollTo(left, top);
  return findings;
}
