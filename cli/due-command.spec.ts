import { BANK_HOLIDAY_DIVISIONS } from '../standards/calendar-defaults';
import { loadBuiltInStandards } from '../standards/pack-loader';
import { DueCalculator, dueLine } from './due-command';
import { LineWriter } from './line-writer';

describe('the lines of heard due --batch', () => {
  it('are exactly JSON.stringify of each answer, for every built-in standard on every calendar', () => {
    const calculator = new DueCalculator();
    for (const standard of loadBuiltInStandards()) {
      for (const division of BANK_HOLIDAY_DIVISIONS) {
        const result = calculator.due(standard.id, '2026-12-24T16:30:00Z', division);
        expect(dueLine(result)).toBe(JSON.stringify(result));
      }
    }
  });
});

describe('LineWriter', () => {
  it('writes every line, in order, whole, in chunks — long lines and any script included', () => {
    const chunks: Buffer[] = [];
    const out = new LineWriter((chunk) => chunks.push(Buffer.from(chunk)));
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"n":${i},"name":"Ẅïłłöẃ 🌳 ${'x'.repeat(i % 50)}"}`);
    lines.splice(5_000, 0, 'y'.repeat(2_000_000));
    for (const line of lines) out.line(line);
    out.flush();
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${lines.join('\n')}\n`);
  });
});
