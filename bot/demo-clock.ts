import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import type { Request, Response, Server } from 'restify';
import type { WorkingCalendar } from '../standards';

/**
 * The demo's clock (`npm run demo` only): real time plus an offset that only grows, so
 * someone trying Heard can jump to the next working morning or three working days on and
 * see the nudges, escalations and morning digest those days would bring, in minutes.
 * The offset is kept in a file beside the demo store, so a restarted demo carries on at
 * the time it had reached (time never goes back for a store). Heard takes `now` as a
 * dependency everywhere, so this one function moves every clock in the process.
 *
 * Never in a deployment: the configuration refuses `HEARD_DEMO_CLOCK` with an app id or
 * MongoDB, and `createHeard` refuses it with an app id.
 *
 * @example
 * const clock = DemoClock.open('.data/demo/clock.json');
 * const heard = await createHeard(config, { now: clock.now, demoClock: clock });
 */
export class DemoClock {
  private constructor(
    private readonly file: string,
    private offsetSeconds: number,
    private readonly realNow: () => number,
  ) {}

  /** Reads the offset kept in `file` (none yet: real time). @example DemoClock.open('.data/demo/clock.json').now(); */
  static open(file: string, realNow: () => number = () => Math.floor(Date.now() / 1000)): DemoClock {
    let offset = 0;
    if (fs.existsSync(file)) {
      const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { offsetSeconds?: unknown };
      if (typeof kept.offsetSeconds !== 'number' || !Number.isInteger(kept.offsetSeconds) || kept.offsetSeconds < 0) {
        throw new Error(`${file} does not hold a demo clock ({"offsetSeconds": <whole seconds ≥ 0>}); delete it to start from real time`);
      }
      offset = kept.offsetSeconds;
    }
    return new DemoClock(file, offset, realNow);
  }

  /** Whole seconds since the epoch, demo time. */
  readonly now = (): number => this.realNow() + this.offsetSeconds;

  /** Moves the clock on to `to` (never back) and keeps the offset. @example clock.moveTo(clock.now() + 3600); */
  moveTo(to: number): void {
    const now = this.now();
    if (!Number.isInteger(to) || to < now) throw new DemoClockError('the demo clock only moves forward');
    this.offsetSeconds += to - now;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify({ offsetSeconds: this.offsetSeconds })}\n`);
    fs.renameSync(temporary, this.file);
  }
}

/** A jump the demo clock cannot make; the message says why. @example new DemoClockError('say "+3 working days"'); */
export class DemoClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoClockError';
  }
}

const JUMPS = 'next working morning, +N working days, +N working hours, +N days, +N hours, +N minutes, or an ISO instant';

/**
 * Where a jump lands, on the organisation's calendar:
 * - `next working morning`: the opening of the next working day (today's, if it has not
 *   opened yet) — when the morning digests go;
 * - `+N working days`: the same local time N working days on (weekends and bank holidays
 *   skipped); `+N working hours`: N hours of working time on;
 * - `+N days`, `+N hours`, `+N minutes`; or an ISO 8601 instant with a zone.
 *
 * @example
 * jumpTarget('+3 working days', parseInstant('2026-11-20T10:00:00Z'), calendar); // Wed 25 Nov 10:00
 */
export function jumpTarget(jump: string, now: number, calendar: WorkingCalendar): number {
  const text = jump.trim().toLowerCase().replace(/\s+/g, ' ');
  const today = calendar.dayOf(now);
  if (/^(the )?next working (morning|day)$/.test(text)) {
    const day = calendar.isWorkingDay(today) && now < calendar.openingTime(today) ? today : calendar.nextWorkingDay(today);
    return calendar.openingTime(day);
  }
  const relative = /^\+ ?(\d{1,4}) ?(working days?|working hours?|days?|hours?|minutes?)$/.exec(text);
  if (relative) {
    const n = Number(relative[1]);
    const unit = relative[2].replace(/s$/, '');
    const sinceMidnight = now - calendar.midnight[today];
    if (unit === 'working day') return calendar.midnight[calendar.nthWorkingDayAfter(today, n)] + sinceMidnight;
    if (unit === 'working hour') return calendar.instantAtWork(calendar.workedUntil(now) + n * 3600);
    if (unit === 'day') return calendar.midnight[today + n] + sinceMidnight;
    return now + n * (unit === 'hour' ? 3600 : 60);
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2})?(\.\d+)?(z|[+-]\d{2}:\d{2})$/.test(text)) return Math.floor(Date.parse(jump.trim()) / 1000);
  throw new DemoClockError(`cannot read "${jump.slice(0, 40)}": say ${JUMPS}`);
}

/**
 * `GET /api/demo/clock` (the demo's time) and `POST /api/demo/clock?jump=…` (move it, then
 * `moved()` — the scheduler sweeps at once), answered to this machine only. What
 * `npm run demo -- clock "+3 working days"` talks to.
 *
 * @example
 * demoClockRoutes(server, { clock, calendar, moved: () => scheduler.poke(), log });
 */
export function demoClockRoutes(
  server: Server,
  deps: { clock: DemoClock; calendar: WorkingCalendar; moved: () => void; log: (event: string, fields: Record<string, string | number>) => void },
): void {
  const reply = (res: Response, status: number, body: object) => {
    const text = JSON.stringify(body);
    res.sendRaw(status, text, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  };
  const time = () => ({ now: new Date(deps.clock.now() * 1000).toISOString(), offsetSeconds: deps.clock.now() - Math.floor(Date.now() / 1000) });
  const local = (req: Request) => {
    const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/i, '');
    return address === '::1' || (net.isIPv4(address) && address.startsWith('127.'));
  };
  server.get('/api/demo/clock', async (req: Request, res: Response) => (local(req) ? reply(res, 200, time()) : reply(res, 403, { error: { code: 'FORBIDDEN', message: 'the demo clock is set from this machine only' } })));
  server.post('/api/demo/clock', async (req: Request, res: Response) => {
    if (!local(req)) return reply(res, 403, { error: { code: 'FORBIDDEN', message: 'the demo clock is set from this machine only' } });
    const jump = new URL(req.url ?? '/', 'http://localhost').searchParams.get('jump') ?? '';
    const from = deps.clock.now();
    try {
      deps.clock.moveTo(jumpTarget(jump, from, deps.calendar));
    } catch (error) {
      if (!(error instanceof DemoClockError)) throw error;
      return reply(res, 400, { error: { code: 'BAD_JUMP', message: error.message } });
    }
    deps.log('demo-clock-moved', { from, to: deps.clock.now() });
    deps.moved();
    reply(res, 200, { ...time(), from: new Date(from * 1000).toISOString() });
  });
}
