import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/** Every `"color"` a card template writes, with the template's name, however deep. */
function coloursIn(value: unknown, file: string, found: Array<{ file: string; colour: unknown }>): void {
  if (Array.isArray(value)) {
    for (const item of value) coloursIn(item, file, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'color') found.push({ file, colour: inner });
      coloursIn(inner, file, found);
    }
  }
}

describe('the colours of every card template', () => {
  const templates = readdirSync(__dirname).filter((name) => name.endsWith('-card.json'));
  const found: Array<{ file: string; colour: unknown }> = [];
  for (const file of templates) coloursIn(JSON.parse(readFileSync(join(__dirname, file), 'utf8')), file, found);

  it('finds the templates and the colours they write', () => {
    expect(templates.length).toBeGreaterThan(10);
    expect(found.length).toBeGreaterThan(0);
  });

  it('colours text Default or Attention only, or by a tone worked out in code: Good and Warning fall short of 4.5:1 in some hosts (WCAG 2.2 AA 1.4.3)', () => {
    const unreadable = found.filter(({ colour }) => typeof colour !== 'string' || !(colour === 'Default' || colour === 'Attention' || colour.startsWith('${')));
    expect(unreadable).toEqual([]);
  });
});
