import { compileCalendar, loadBuiltInStandards, parseInstant } from '../standards';
import type { Obligation } from '../domain/obligation';
import { anObligation } from '../storage/contract/store-fixtures';
import { whenText } from './local-time';
import { clockLine, standardText } from './statement-words';

const cal = compileCalendar({}, { from: 2025, to: 2028 });
const standards = new Map(loadBuiltInStandards().map((s) => [s.id, s]));
const t = parseInstant;

const obligation = (over: Partial<Obligation>) => anObligation({ triggeredAt: t('2026-03-27T14:00:00Z'), due: t('2026-03-30T12:00:00Z'), ...over });

describe('how a card words time', () => {
  it('says today, tomorrow and yesterday by the local (UK) date, and the day otherwise', () => {
    const now = t('2026-11-23T09:00:00Z');
    expect(whenText(cal, t('2026-11-23T14:00:00Z'), now)).toBe('14:00 today');
    expect(whenText(cal, t('2026-11-24T17:00:00Z'), now)).toBe('17:00 tomorrow');
    expect(whenText(cal, t('2026-11-22T23:59:00Z'), now)).toBe('23:59 yesterday');
    expect(whenText(cal, t('2026-11-30T17:00:00Z'), now)).toBe('17:00 Mon 30 Nov');
  });

  it('uses British Summer Time: 12:00 UTC on Monday 30 March 2026 is 13:00 local', () => {
    expect(whenText(cal, t('2026-03-30T12:00:00Z'), t('2026-03-27T15:00:00Z'))).toBe('13:00 Mon 30 Mar');
    // 23:30 UTC on Saturday 28 March is still Saturday; 23:30 UTC on 29 March is already Monday 00:30 BST.
    expect(whenText(cal, t('2026-03-29T23:30:00Z'), t('2026-03-30T09:00:00Z'))).toBe('00:30 today');
  });

  it('names the standard and its timescale: "standard 2.1, 7 working hours"', () => {
    expect(standardText(standards.get('momo.2.1')!)).toBe('standard 2.1, 7 working hours');
    expect(standardText(standards.get('momo.3.1')!)).toBe('standard 3.1, the same working day');
  });

  it('a running clock says what to do and by when; past due it is overdue; met it says when', () => {
    const momo21 = standards.get('momo.2.1')!;
    const friday = t('2026-03-27T15:00:00Z');
    expect(clockLine(obligation({}), momo21, cal, friday)).toEqual({ text: 'Open by 13:00 Mon 30 Mar', standard: 'standard 2.1, 7 working hours', state: 'running' });
    // "Overdue at every instant after its due instant" (time-semantics.md): at 13:00 sharp it is still on time.
    expect(clockLine(obligation({}), momo21, cal, t('2026-03-30T12:00:00Z'))).toMatchObject({ text: 'Open by 13:00 today', state: 'running' });
    expect(clockLine(obligation({}), momo21, cal, t('2026-03-30T12:00:01Z'))).toMatchObject({ text: 'Open: overdue since 13:00 today', state: 'overdue' });
    expect(clockLine(obligation({ status: 'met', completedAt: t('2026-03-30T08:15:00Z') }), momo21, cal, t('2026-03-30T09:00:00Z'))).toMatchObject({
      text: 'Opened 09:15 today',
      state: 'met',
    });
  });
});
