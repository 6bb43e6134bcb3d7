import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseInstant } from '../standards';
import { standardsAndCalendar } from '../test/test-council.fixture';
import { BotConfigError, readBotConfig } from './config';
import { DemoClock, DemoClockError, jumpTarget } from './demo-clock';

const { calendar } = standardsAndCalendar();
const at = (iso: string) => parseInstant(iso);
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

describe('the demo clock’s jumps, on the council’s calendar (England and Wales)', () => {
  it('goes to the next working morning, when the digests go: Friday evening to Monday 09:00, and before 09:00 to the same morning', () => {
    expect(iso(jumpTarget('next working morning', at('2026-11-20T18:30:00Z'), calendar))).toBe('2026-11-23T09:00:00Z');
    expect(iso(jumpTarget('next working morning', at('2026-11-23T07:10:00Z'), calendar))).toBe('2026-11-23T09:00:00Z');
    expect(iso(jumpTarget('Next working morning', at('2026-11-23T09:00:00Z'), calendar))).toBe('2026-11-24T09:00:00Z');
    // Over Christmas: 25, 26 (a Saturday) and the substitute Monday 28 December are not working days.
    expect(iso(jumpTarget('next working morning', at('2026-12-24T12:00:00Z'), calendar))).toBe('2026-12-29T09:00:00Z');
  });

  it('counts working days as the standards do: +3 working days from a Friday is the Wednesday, same time', () => {
    expect(iso(jumpTarget('+3 working days', at('2026-11-20T10:15:00Z'), calendar))).toBe('2026-11-25T10:15:00Z');
    // Across the change to summer time the local time of day stays: 10:15 GMT, then 10:15 BST.
    expect(iso(jumpTarget('+1 working day', at('2026-03-27T10:15:00Z'), calendar))).toBe('2026-03-30T09:15:00Z');
  });

  it('also takes working hours, days, hours, minutes and an instant', () => {
    expect(iso(jumpTarget('+2 working hours', at('2026-11-20T16:00:00Z'), calendar))).toBe('2026-11-23T10:00:00Z');
    expect(iso(jumpTarget('+1 day', at('2026-11-20T16:00:00Z'), calendar))).toBe('2026-11-21T16:00:00Z');
    expect(iso(jumpTarget('+90 minutes', at('2026-11-20T16:00:00Z'), calendar))).toBe('2026-11-20T17:30:00Z');
    expect(iso(jumpTarget('2026-11-23T08:00:00Z', at('2026-11-20T16:00:00Z'), calendar))).toBe('2026-11-23T08:00:00Z');
  });

  it('says what it understands when it cannot read a jump', () => {
    expect(() => jumpTarget('tomorrow-ish', at('2026-11-20T16:00:00Z'), calendar)).toThrow(new DemoClockError('cannot read "tomorrow-ish": say next working morning, +N working days, +N working hours, +N days, +N hours, +N minutes, or an ISO instant'));
  });
});

describe('the demo clock', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-demo-clock-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs with real time, only moves forward, and a restarted demo carries on where it was', () => {
    let real = at('2026-11-20T16:00:00Z');
    const file = path.join(dir, 'clock.json');
    const clock = DemoClock.open(file, () => real);
    expect(clock.now()).toBe(real);
    clock.moveTo(at('2026-11-23T09:00:00Z'));
    real += 60;
    expect(iso(clock.now())).toBe('2026-11-23T09:01:00Z');
    expect(() => clock.moveTo(at('2026-11-21T09:00:00Z'))).toThrow('only moves forward');
    real += 3600;
    expect(iso(DemoClock.open(file, () => real).now())).toBe('2026-11-23T10:01:00Z');
  });

  it('is refused outside the demo: with a Microsoft app id or MongoDB', () => {
    const secrets = { HEARD_INTAKE_SECRET: 'i'.repeat(32), HEARD_DOWNLOAD_SECRET: 'd'.repeat(32), HEARD_DEMO_CLOCK: path.join(dir, 'clock.json') };
    expect(readBotConfig(secrets).demoClockFile).toBe(path.join(dir, 'clock.json'));
    const app = { MicrosoftAppId: '22222222-2222-4222-8222-222222222222', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: '11111111-1111-4111-8111-111111111111' };
    for (const env of [{ ...secrets, ...app }, { ...secrets, MONGODB_URI: 'mongodb://localhost/heard' }]) {
      expect(() => readBotConfig(env)).toThrow(BotConfigError);
      expect(() => readBotConfig(env)).toThrow(/HEARD_DEMO_CLOCK is for the demo only/);
    }
  });
});
