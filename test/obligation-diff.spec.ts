import { diffObligations, formatDiff, isEmpty } from './obligation-diff';
import type { ObligationListing } from './reference-case-clocks';

const visit = (triggerAt: string, over: Partial<ObligationListing> = {}): ObligationListing => ({
  standard: 'childrens-services.cic-visiting.32',
  subject: 'case',
  case: 'C-10442',
  statement: null,
  staff: null,
  owner: 'sam.patel@council.example',
  triggerAt,
  due: '2024-12-17T00:00:00Z',
  status: 'met',
  metAt: '2024-11-11T11:00:00Z',
  closedReason: null,
  ...over,
});

describe('comparing printed obligations with the reference', () => {
  it('matches on standard, case and trigger instant, whatever the order and the opaque id', () => {
    const expected = [visit('2024-11-04T10:00:00Z'), visit('2024-11-11T11:00:00Z', { status: 'open', metAt: null })];
    const printed = [{ id: 'ob_2', ...expected[1] }, { id: 'ob_1', ...expected[0] }];
    const diff = diffObligations(expected, printed);
    expect(isEmpty(diff)).toBe(true);
    expect(diff.matched).toBe(2);
    expect(formatDiff(diff, 'at the end')).toBe('');
  });

  it('names what is missing, what was not expected and each field that differs, counted by standard', () => {
    const expected = [visit('2024-11-04T10:00:00Z'), visit('2024-11-11T11:00:00Z')];
    const printed = [
      { ...visit('2024-11-04T10:00:00Z'), status: 'late', owner: 'ali.hassan@council.example' },
      { ...visit('2024-11-12T09:00:00Z') },
    ];
    const diff = diffObligations(expected, printed);
    expect(diff.missing.map((o) => o.triggerAt)).toEqual(['2024-11-11T11:00:00Z']);
    expect(diff.unexpected.map((o) => o.triggerAt)).toEqual(['2024-11-12T09:00:00Z']);
    expect(diff.different.map((d) => [d.field, d.expected, d.actual])).toEqual([
      ['owner', 'sam.patel@council.example', 'ali.hassan@council.example'],
      ['status', 'met', 'late'],
    ]);
    const text = formatDiff(diff, 'at 2025-03-31T23:00:00Z');
    expect(text).toContain('1 matched, 1 missing, 1 not expected, 2 field differences');
    expect(text).toContain('- childrens-services.cic-visiting.32 case C-10442 2024-11-11T11:00:00Z');
    expect(text).toContain('+ childrens-services.cic-visiting.32 case C-10442 2024-11-12T09:00:00Z');
    expect(text).toContain('~ childrens-services.cic-visiting.32 case C-10442 2024-11-04T10:00:00Z: status expected met, got late');
    expect(text).toMatch(/1 {2}childrens-services\.cic-visiting\.32 owner/);
  });

  it('pairs two obligations triggered at the same instant, and reports a third as not expected', () => {
    const a = visit('2024-11-04T10:00:00Z', { due: '2024-12-17T00:00:00Z' });
    const b = visit('2024-11-04T10:00:00Z', { due: '2024-12-24T00:00:00Z' });
    const diff = diffObligations([a, b], [b, a, { ...a }]);
    expect(diff.matched).toBe(2);
    expect(diff.different).toEqual([]);
    expect(diff.unexpected).toHaveLength(1);
  });

  it('reports a field the command did not print as absent', () => {
    const { closedReason: _c, ...withoutReason } = visit('2024-11-04T10:00:00Z');
    expect(diffObligations([visit('2024-11-04T10:00:00Z')], [withoutReason]).different).toEqual([
      expect.objectContaining({ field: 'closedReason', expected: null, actual: '(absent)' }),
    ]);
  });
});
