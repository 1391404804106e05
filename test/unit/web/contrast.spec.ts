import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const css = readFileSync(join(process.cwd(), 'web', 'static', 'app.css'), 'utf8');
const palette = Object.fromEntries([...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));

describe('the palette of app.css', () => {
  it('given the text and background pairs the pages use, then each reaches WCAG AA (4.5:1)', () => {
    const pairs: [string, string][] = [
      ['ink', 'paper'], ['ink', 'panel'], ['muted', 'paper'], ['muted', 'panel'], ['link', 'paper'], ['link', 'panel'],
      ['accent', 'paper'], ['accent', 'panel'], ['header-ink', 'header-bg'], ['ok-ink', 'ok-bg'], ['warn-ink', 'warn-bg'],
      ['bad-ink', 'bad-bg'], ['paper', 'link'], ['paper', 'ink'],
    ];
    for (const [fg, bg] of pairs) {
      expect(palette[fg], fg).toBeDefined();
      expect(palette[bg], bg).toBeDefined();
      expect(contrast(palette[fg]!, palette[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('given control borders and the focus ring, then they reach the 3:1 of non-text contrast', () => {
    expect(contrast(palette.rule!, palette.paper!)).toBeGreaterThanOrEqual(3);
    expect(contrast(palette.focus!, palette['header-bg']!)).toBeGreaterThanOrEqual(3);
    expect(contrast(palette.ink!, palette.focus!)).toBeGreaterThanOrEqual(3);
  });
});
