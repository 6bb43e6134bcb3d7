import { compileCalendar, parseInstant } from '../standards';
import { Understander, type Understanding } from './understand';

let understander: Understander;
beforeAll(async () => {
  understander = await Understander.create(compileCalendar());
});

const MONDAY = parseInstant('2026-11-23T09:30:00Z');

async function parse(text: string, now = MONDAY): Promise<Understanding> {
  return understander.parse(text, now);
}

describe('Understander', () => {
  it('reads a worker\'s due question with typos, emoji and British shorthand', async () => {
    const u = await parse('hiya 🙏 whats due tmrw pls');
    expect(u).toMatchObject({ intent: 'due', scope: 'me', range: { from: '2026-11-24', to: '2026-11-24' } });
  });

  it('turns a due question into the team list when it asks about the team, and the service-wide one for every team', async () => {
    expect(await parse('what is my team overdue on')).toMatchObject({ intent: 'team-overdue', scope: 'team' });
    expect(await parse("what's due across all teams next week")).toMatchObject({
      intent: 'team-due',
      scope: 'all',
      range: { from: '2026-11-30', to: '2026-12-06' },
    });
  });

  it('does not read "my TM" (team manager) as a team question', async () => {
    expect(await parse('is anything of mine overdue? my TM is asking')).toMatchObject({ intent: 'overdue', scope: 'me' });
  });

  it('reads "by Friday" as today..Friday and "this week" as Monday..Sunday even mid-week', async () => {
    expect((await parse('anything due by fri')).range).toEqual({ from: '2026-11-23', to: '2026-11-27' });
    const wednesday = parseInstant('2026-11-25T12:00:00Z');
    expect((await parse('due this week', wednesday)).range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('uses the local (London) date: 23:30 UTC in BST is already tomorrow', async () => {
    const lateInJune = parseInstant('2026-06-10T23:30:00Z');
    expect((await parse('what is due today', lateInJune)).range).toEqual({ from: '2026-06-11', to: '2026-06-11' });
  });

  it('reads a calendar date day-first, the next occurrence when no year is given', async () => {
    expect((await parse('what is due on 3/12')).range).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    expect((await parse('what was due 2 nov')).range).toEqual({ from: '2027-11-02', to: '2027-11-02' });
  });

  it('fills a reassignment: whose, to whom, until when — names as typed', async () => {
    expect(await parse("move Sam Patel's statements to Priya Shah until Friday")).toMatchObject({
      intent: 'reassign',
      scope: 'team',
      person: 'Sam Patel',
      target: 'Priya Shah',
      until: '2026-11-27',
      range: { from: '2026-11-23', to: '2026-11-27' },
    });
    expect(await parse('can ali take sams stuff')).toMatchObject({ intent: 'reassign', target: 'ali' });
    expect(await parse('move my statements to Ali')).toMatchObject({ intent: 'reassign', scope: 'me', person: null, target: 'Ali' });
  });

  it('fills an absence: who, cover, from and until', async () => {
    expect(await parse('im on a/l from mon to weds, Ali covering', parseInstant('2026-11-22T19:30:00Z'))).toMatchObject({
      intent: 'away',
      scope: 'me',
      person: null,
      target: 'Ali',
      from: '2026-11-23',
      until: '2026-11-25',
    });
    expect(await parse('Priya is off sick till thurs, cover is Dev')).toMatchObject({
      intent: 'away',
      scope: 'team',
      person: 'Priya',
      target: 'Dev',
      until: '2026-11-26',
    });
  });

  it('reads "back on Monday" as away until the day before', async () => {
    expect(await parse("i'm off sick, back on monday")).toMatchObject({ intent: 'away', until: '2026-11-29' });
  });

  it('reads working-time questions with their anchor', async () => {
    expect(await parse('when is 10 working days before 12 March?')).toMatchObject({
      intent: 'when',
      range: { from: '2027-03-12', to: '2027-03-12' },
      when: { amount: 10, clock: 'working-days', direction: 'before', anchor: '2027-03-12' },
    });
    expect(await parse('7 working hours from now')).toMatchObject({
      intent: 'when',
      range: null,
      when: { amount: 7, clock: 'working-hours', direction: 'after', anchor: null },
    });
    expect((await parse('what is five working hours after 4pm tomorrow')).when).toMatchObject({ amount: 5, anchor: '2026-11-24', anchorMinutes: 960 });
  });

  it('finds a standard asked about by number or by what it is about', async () => {
    expect(await parse('what does standard 2.1 say?')).toMatchObject({ intent: 'standard', standardRef: '2.1' });
    expect(await parse('how long do i have to open a statement')).toMatchObject({ intent: 'standard' });
  });

  it('greets, helps, and says unknown for anything else — never a crash on empty or odd input', async () => {
    expect((await parse('morning!')).intent).toBe('greeting');
    expect((await parse('what can you do?')).intent).toBe('help');
    expect((await parse('what is the wifi password')).intent).toBe('unknown');
    expect((await parse('')).intent).toBe('unknown');
    expect((await parse('🙏🙏🙏')).intent).toBe('unknown');
    expect((await parse('x'.repeat(5000))).intent).toBe('unknown');
  });

  it('explains how it read a message', async () => {
    const u = await parse('whats ovrdue');
    expect(u.explanation).toEqual(expect.arrayContaining(['read ovrdue→overdue', expect.stringMatching(/^classifier: overdue/)]));
  });

  it('is deterministic: a second classifier trained from the same corpus answers the same', async () => {
    const again = await Understander.create(compileCalendar());
    for (const text of ['anything late?', 'queue pls', 'move jo to dev', 'how many this month']) {
      expect(await again.parse(text, MONDAY)).toEqual(await parse(text));
    }
  });
  it('reads the dates social workers type: week commencing, the week after next, an ordinal alone, a month alone, "from 2 Dec"', async () => {
    expect((await parse("what's due w/c 30 Nov")).range).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect((await parse("what's due the week after next")).range).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect((await parse('anything due on the 1st')).range).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect((await parse('stats for my team for October')).range).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(await parse('10 working days from 2 Dec')).toMatchObject({ intent: 'when', range: { from: '2026-12-02', to: '2026-12-02' } });
  });

  it('reads a period given by two days of one month, one month crossed, or "this week and next"', async () => {
    const period = { intent: 'due', range: { from: '2026-12-01', to: '2026-12-05' } };
    expect(await parse('whats due between 1 and 5 dec')).toMatchObject(period);
    expect(await parse('whats due between the 1st and the 5th of december')).toMatchObject(period);
    expect(await parse('anything due 1st to 5th dec?')).toMatchObject(period);
    expect(await parse('anything due 28 to 3 dec')).toMatchObject({ intent: 'due', range: { from: '2026-11-28', to: '2026-12-03' } });
    expect(await parse('whats due 30 dec to 2 jan')).toMatchObject({ intent: 'due', range: { from: '2026-12-30', to: '2027-01-02' } });
    expect(await parse('what have i got due this wk and next')).toMatchObject({ intent: 'due', range: { from: '2026-11-23', to: '2026-12-06' } });
    // A working-time question keeps its reading.
    expect(await parse('how many working days between 1 and 5 dec')).toMatchObject({ intent: 'when' });
  });

  it('reads "from 1 June to 5 June", "the week of 7 Dec" and "due sat" as the dates they name', async () => {
    expect((await parse('what have i got from 1 June to 5 June')).range).toEqual({ from: '2027-06-01', to: '2027-06-05' });
    expect(await parse('what have i got due in the week of 9 Dec')).toMatchObject({ intent: 'due', range: { from: '2026-12-07', to: '2026-12-13' } });
    expect((await parse('anything due sat')).range).toEqual({ from: '2026-11-28', to: '2026-11-28' });
    expect((await parse('I sat with the child for an hour, what is due today')).range).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('reads a colleague whose name is also a word or a month as the colleague, typed as a name', async () => {
    expect(await parse('has April got any reviews due this month')).toMatchObject({ intent: 'team-due', scope: 'team', person: 'April', range: { from: '2026-11-01', to: '2026-11-30' } });
    expect(await parse("Will's deadlines for tomorrow pls")).toMatchObject({ intent: 'team-due', person: 'Will', range: { from: '2026-11-24', to: '2026-11-24' } });
    expect(await parse("Dev's left, move all his cases to April")).toMatchObject({ intent: 'reassign', target: 'April', until: null });
    // The month and the verb are still the month and the verb.
    expect((await parse('anything due in April')).range).toEqual({ from: '2027-04-01', to: '2027-04-30' });
    expect(await parse('will anything be overdue by friday')).toMatchObject({ person: null });
  });

  it('reads work moved by asking where it should go, and late work asked as breaches', async () => {
    expect(await parse('can all of Will\'s go to Grace next week')).toMatchObject({ intent: 'reassign', person: 'Will', target: 'Grace' });
    expect(await parse('send Zara\'s new statements to Dev this week')).toMatchObject({ intent: 'reassign', person: 'Zara', target: 'Dev' });
    expect(await parse('any breaches on my cases?')).toMatchObject({ intent: 'overdue', scope: 'me' });
  });

  it('reads days said with their date, a run of days next week, month end, and cover said as "my cover"', async () => {
    const friday = parseInstant('2026-07-31T12:00:00Z');
    expect(await parse("transfer Bill's statements to Rose from mon 3 aug to fri 14 aug", friday)).toMatchObject({ intent: 'reassign', until: '2026-08-14', range: { from: '2026-08-03', to: '2026-08-14' } });
    expect(await parse('on a/l mon-weds next week')).toMatchObject({ intent: 'away', range: { from: '2026-11-30', to: '2026-12-02' }, until: '2026-12-02' });
    expect((await parse('pathway plans due by month end?')).range).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    expect(await parse('on a/l all of next week, Amira is my cover')).toMatchObject({ intent: 'away', target: 'Amira' });
  });

  it('tells questions about Heard and errands it cannot run from questions about work', async () => {
    expect((await parse('can you do case stuff too or just statements?')).intent).toBe('help');
    expect((await parse("how do I record that I'm on leave")).intent).toBe('help');
    expect((await parse('how do I book a pool car')).intent).toBe('unknown');
    expect((await parse('can you sign off my timesheet')).intent).toBe('unknown');
    expect((await parse('mosaic keeps logging me out can you fix it')).intent).toBe('unknown');
    expect(await parse('did I hit my timescales last month')).toMatchObject({ intent: 'stats', range: { from: '2026-10-01', to: '2026-10-31' } });
    expect(await parse("is EH's IHA due soon")).toMatchObject({ intent: 'due', case: 'EH', kind: 'assessment', person: null });
  });

  it('reads the question in a message that says other things too: its dates, its intent and whose work it asks about', async () => {
    const tuesday = parseInstant('2026-04-21T07:55:00Z');
    expect(await parse("Hi Heard, I've got a really full week - court on Wednesday, two home visits Thursday and a CIN meeting Friday. Could you tell me what else I have due this week so I can plan?", tuesday))
      .toMatchObject({ intent: 'due', range: { from: '2026-04-20', to: '2026-04-26' }, kind: null });
    expect(await parse('anything overdue before I go? dont want a call from the TM over the weekend')).toMatchObject({ intent: 'overdue', range: null });
    expect(await parse("Is anything overdue for Patience Mwale? She's back on the 4th and I want to be realistic with her"))
      .toMatchObject({ intent: 'team-overdue', person: 'Patience Mwale', range: null });
    // Found in the Playground: "what else" is not a colleague called Else.
    expect(await parse('court tomorrow and two home visits thursday - what else have I got due next week?')).toMatchObject({ intent: 'due', scope: 'me', person: null, range: { from: '2026-11-30', to: '2026-12-06' } });
    expect(await parse('first day back is 4/12 — anything due that day?')).toMatchObject({ intent: 'due', range: { from: '2026-12-04', to: '2026-12-04' } });
    expect(await parse('how am i doing with my pathway plans? last month')).toMatchObject({ intent: 'stats', range: { from: '2026-10-01', to: '2026-10-31' } });
  });

  it('reads names typed in lower case where they cannot be the word, and ordinals that say which one', async () => {
    expect(await parse('overdue for will?')).toMatchObject({ intent: 'team-overdue', person: 'will' });
    expect(await parse('jack overdue')).toMatchObject({ intent: 'team-overdue', person: 'jack' });
    expect(await parse('has frank let anything slip past its deadline')).toMatchObject({ intent: 'team-overdue', person: 'frank' });
    expect((await parse('will anything be due tomorrow')).person).toBeNull();
    expect((await parse('is the 2nd review for C-12007 late?')).range).toBeNull();
    expect((await parse('anything due for me on sat 28th or sun 29th?')).range).toEqual({ from: '2026-11-28', to: '2026-11-29' });
    expect((await parse('reviews between now and 4/12?')).range).toEqual({ from: '2026-11-23', to: '2026-12-04' });
  });

  it('keeps names and everyday words out of typo correction, and reads shorthand plurals', async () => {
    expect(await parse("what's overdue for Kate")).toMatchObject({ intent: 'team-overdue', person: 'Kate' });
    expect(await parse('do I have any PEPs this term')).toMatchObject({ intent: 'due', scope: 'me', kind: 'plan' });
    expect(await parse('any ICPCs coming up for me next week')).toMatchObject({ intent: 'due', kind: 'conference' });
    expect(await parse('how often are stat visits for CP kids')).toMatchObject({ intent: 'standard', kind: 'visit' });
  });

  it('reads a notice\'s delivery, a broadcast and a statement\'s history from how people ask them', async () => {
    expect((await parse('has everyone seen my broadcast?')).intent).toBe('delivery-report');
    expect((await parse('which managers haven\'t opened my announcement yet')).intent).toBe('delivery-report');
    expect((await parse('remind everyone to acknowledge their statements by Friday')).intent).toBe('broadcast');
    expect(await parse('who acknowledged CR-20417?')).toMatchObject({ intent: 'history', case: 'CR-20417', kind: null });
  });

  it('answers nothing for errands, and moves work said as cover', async () => {
    expect((await parse('can you ring the school for me')).intent).toBe('unknown');
    expect((await parse("what's the number for the out of hours team")).intent).toBe('unknown');
    expect(await parse("I need Dev's caseload covered by Jo while he's on paternity leave")).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'Jo' });
  });
});

describe('Understander: what the fifth and sixth tuning rounds taught (messages written apart from the parser)', () => {
  // Monday 23 November 2026.
  it.each([
    ['any reviews due by the end of next week?', { intent: 'due', range: { from: '2026-11-23', to: '2026-12-06' }, kind: 'review' }],
    ['everything due between now and the end of next month', { intent: 'due', range: { from: '2026-11-23', to: '2026-12-31' } }],
    ['what is 3 weeks before 10/3', { intent: 'when', range: { from: '2027-03-10', to: '2027-03-10' } }],
    ["wot's due 4 me tmrw", { intent: 'due', scope: 'me', person: null, range: { from: '2026-11-24', to: '2026-11-24' } }],
    ['mv my stmts 2 dan til fri', { intent: 'reassign', scope: 'me', target: 'dan', until: '2026-11-27' }],
    ['hv i got any breaches', { intent: 'overdue', kind: null }],
    ["Hi, I'm on placement with the CIN team. Could you tell me what I have due this week please?", { intent: 'due', scope: 'me' }],
    ['whole service - which assessments are late', { intent: 'team-overdue', scope: 'all' }],
    ['Do I have anything overdue? My practice educator asked me to check before we meet.', { intent: 'overdue' }],
    ["when's the RCPC due on C-50218, mum's asking", { intent: 'due', scope: 'me', person: null, case: 'C-50218' }],
    ["Will's not picking up, is he on a/l?", { intent: 'away', scope: 'team', person: 'Will' }],
    ["Frank's gone home sick, he's off until tomorrow, put me down as cover", { intent: 'away', person: 'Frank', target: 'me' }],
    ['My colleague Mark Chen has very kindly agreed to cover while I am on leave next week.', { intent: 'away', target: 'Mark Chen' }],
    ["I'm on leave from the 3rd of August to the 14th of August, Callum is covering", { intent: 'away', target: 'Callum' }],
    ['Hope is on training next Tuesday, no cover needed', { intent: 'away', person: 'Hope', target: null }],
    ["I've been asked to tidy up my caseload. Please move my statements to Frank Lowe.", { intent: 'reassign', scope: 'me', target: 'Frank Lowe' }],
    ['Will Taylor is leaving. Please reassign his statements to his line manager, Grace Obi.', { intent: 'reassign', person: 'Will Taylor', target: 'Grace Obi' }],
    ["what's our on-time rate for visits last month", { intent: 'stats', scope: 'all' }],
    ['what has april got due tomorrow', { intent: 'team-due', person: 'april', range: { from: '2026-11-24', to: '2026-11-24' } }],
    ['anyone not seen my last broadcast yet?', { intent: 'delivery-report' }],
    ['diolch yn fawr Heard', { intent: 'greeting' }],
  ] as const)('%s', async (text, expected) => {
    expect(await parse(text)).toMatchObject(expected);
  });

  describe('round 30–31 readings', () => {
    it('reads punctuation said to dictation, so sentences and names part where the speaker meant', async () => {
      expect(await parse('KL has moved placement comma when is her next visit due question mark')).toMatchObject({ intent: 'due', case: 'KL', kind: 'visit' });
      expect(await parse('off until friday comma Jade is covering')).toMatchObject({ intent: 'away', target: 'Jade', until: '2026-11-27' });
      expect((await parse('move my statements to Priya full stop I am in court all week')).target).toBe('Priya');
    });

    it('reads "the day after tomorrow", "2day n tmrw" and "dis month"', async () => {
      expect((await parse('anything due the day after tomorrow')).range).toEqual({ from: '2026-11-25', to: '2026-11-25' });
      expect(await parse('off sick 2day n tmrw')).toMatchObject({ intent: 'away', range: { from: '2026-11-23', to: '2026-11-24' }, until: '2026-11-24' });
      expect((await parse('any reviews due dis month')).range).toEqual({ from: '2026-11-01', to: '2026-11-30' });
      expect((await parse('anything overdue on the dis team')).range).toBeNull();
    });

    it('reads a name that is also a word when it leads the question', async () => {
      expect(await parse('Hope reviews due this week')).toMatchObject({ intent: 'team-due', person: 'Hope', kind: 'review' });
      expect(await parse('Mark - any visits overdue?')).toMatchObject({ intent: 'team-overdue', person: 'Mark' });
      expect(await parse('Will overdue?')).toMatchObject({ intent: 'team-overdue', person: 'Will' });
      expect(await parse('June due by 4/12')).toMatchObject({ intent: 'team-due', person: 'June', range: { from: '2026-11-23', to: '2026-12-04' } });
      expect(await parse('Will visits be moved if I go off sick?')).not.toMatchObject({ person: 'Will' });
      expect(await parse('Home visits due this week')).toMatchObject({ intent: 'due', person: null });
    });

    it('never takes "whether" or "see" into a name, and reads someone starting leave or ringing in sick', async () => {
      expect(await parse('can you tell me whether Priya is off today')).toMatchObject({ person: 'Priya' });
      expect(await parse("could I see Dev's figures for last month")).toMatchObject({ intent: 'stats', person: 'Dev' });
      expect(await parse('Ali has rung in sick, he is off today')).toMatchObject({ intent: 'away', scope: 'team', person: 'Ali' });
      expect(await parse('Priya started mat leave today')).toMatchObject({ intent: 'away', person: 'Priya' });
      expect(await parse('Dev has started paternity leave, please reassign his statements to Jo')).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'Jo' });
    });

    it('reads the cover said many ways, and "before then" as up to the date named before', async () => {
      expect(await parse('off from 30 Nov to 4 Dec, can you log it and put Jo as cover')).toMatchObject({ intent: 'away', scope: 'me', person: null, target: 'Jo' });
      expect(await parse('off until thursday, Ali has my cases')).toMatchObject({ intent: 'away', target: 'Ali' });
      expect(await parse('at a conference on Wednesday, Jo can pick up anything urgent')).toMatchObject({ intent: 'away', target: 'Jo' });
      expect(await parse("Dev's on a/l from 30 Nov to 4 Dec, cover is me")).toMatchObject({ intent: 'away', person: 'Dev', target: 'me' });
      expect(await parse("booked a/l 30 Nov to 4 Dec, Jo's covering me")).toMatchObject({ target: 'Jo' });
      expect(await parse("review for KL on the 4th, what's due for KL before then")).toMatchObject({ intent: 'due', range: { from: '2026-11-23', to: '2026-12-04' } });
      expect(await parse('on a/l thurs + fri, Jo covering')).toMatchObject({ range: { from: '2026-11-26', to: '2026-11-27' } });
      expect((await parse("what's 2 + 2")).intent).toBe('unknown');
    });

    it('reads a day said in passing as no date, and a bare "17th" after due as that day', async () => {
      expect((await parse("sorry I know it's monday but what's due this week")).range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
      expect((await parse('checking the queue on a sunday')).range).toBeNull();
      expect((await parse('reviews due 27th?')).range).toEqual({ from: '2026-11-27', to: '2026-11-27' });
      expect((await parse("this wk's deadlines?")).range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    });

    it('finds the child a meeting is for, and not letters that name other things', async () => {
      expect(await parse('cg for MH due when')).toMatchObject({ case: 'MH' });
      expect(await parse('rcpc for TD - 10 wd before 4/12 is when')).toMatchObject({ intent: 'when', case: 'TD', range: { from: '2026-12-04', to: '2026-12-04' } });
      expect(await parse('OT visits for CWD kids next wk')).toMatchObject({ case: null });
      expect(await parse('any EHAs overdue')).toMatchObject({ intent: 'overdue', person: null, kind: 'assessment' });
    });

    it('counts working time from the one date named, and reads a rule asked with no date as the standard', async () => {
      expect(await parse('For a review on 10 December, which date is 10 working days prior?')).toMatchObject({ intent: 'when', range: { from: '2026-12-10', to: '2026-12-10' } });
      expect(await parse('ICPC booked for 9 Dec, when is 3 working days before for the report')).toMatchObject({ intent: 'when', range: { from: '2026-12-09', to: '2026-12-09' } });
      expect(await parse('How many working days before a review must the report be shared?')).toMatchObject({ intent: 'standard', kind: 'review' });
    });

    it('reads what is asked after being back, a statement opened, a notice unread, figures and how to use Heard', async () => {
      expect(await parse('back from hols, what havent i opened')).toMatchObject({ intent: 'unopened' });
      expect(await parse('Did I open the statement for KL?')).toMatchObject({ intent: 'unopened', scope: 'me', case: 'KL' });
      expect(await parse('anyone in Riverside not read it yet?')).toMatchObject({ intent: 'delivery-report' });
      expect(await parse('How did each team do on CIN visits last month?')).toMatchObject({ intent: 'stats', scope: 'all' });
      expect(await parse('which teams are slowest at acknowledging statements this month')).toMatchObject({ intent: 'stats' });
      expect(await parse('is Dev behind on his visits')).toMatchObject({ intent: 'team-overdue', person: 'Dev' });
      expect(await parse('How do I add a new worker to my team in Heard?')).toMatchObject({ intent: 'help' });
      expect(await parse('is Jo away? her statements are not being opened')).toMatchObject({ intent: 'away', person: 'Jo' });
      expect(await parse('Priya Shah not answering - is she off?')).toMatchObject({ intent: 'away', person: 'Priya Shah' });
      expect(await parse('is there anything I need to do for KL before Friday?')).toMatchObject({ intent: 'due', range: { from: '2026-11-23', to: '2026-11-27' } });
    });

    it('reads words spelt as they sound, and a Welsh greeting before the question', async () => {
      expect(await parse('wots dew this weak')).toMatchObject({ intent: 'due', range: { from: '2026-11-23', to: '2026-11-29' } });
      expect(await parse('hav i got eny vizits dew tomoro')).toMatchObject({ intent: 'due', kind: 'visit', range: { from: '2026-11-24', to: '2026-11-24' } });
      expect(await parse('eny statmunts i havnt red yet')).toMatchObject({ intent: 'unopened', kind: 'statement' });
      expect(await parse('im on anual leev frum 10th december to the 18th')).toMatchObject({ intent: 'away', range: { from: '2026-12-10', to: '2026-12-18' } });
      expect(await parse('can u moov my stuf to jo wile im off')).toMatchObject({ intent: 'reassign', scope: 'me', target: 'jo' });
      expect(await parse('hav i mist eny dedlines')).toMatchObject({ intent: 'overdue' });
      expect(await parse('shwmae - is there anything I still haven\'t downloaded?')).toMatchObject({ intent: 'unopened', person: null });
      expect((await parse('do u no wen payday is')).intent).toBe('unknown');
    });

    it('reads a question asked for someone else, and a pronoun that points back to them', async () => {
      expect(await parse('asking for Priya: what has she got due next week')).toMatchObject({ intent: 'team-due', person: 'Priya', range: { from: '2026-11-30', to: '2026-12-06' } });
      expect(await parse('asking for April: has she got anything overdue')).toMatchObject({ intent: 'team-overdue', person: 'April' });
      expect(await parse('Dev seems stressed lately - how is he doing on his visits')).toMatchObject({ intent: 'stats', person: 'Dev' });
      expect(await parse("Holly's been off a while - is she back yet?")).toMatchObject({ intent: 'away', person: 'Holly' });
      expect(await parse("any idea when Will's due back off leave?")).toMatchObject({ intent: 'away', person: 'Will' });
      expect(await parse('Priya Shah - how is she doing on visits?')).toMatchObject({ intent: 'stats', person: 'Priya Shah' });
      expect(await parse('just got a text from Jo - covid. can you record her as off sick until Sunday')).toMatchObject({ intent: 'away', person: 'Jo', until: '2026-11-29' });
    });

    it('reads everything someone holds moved, and the statements for someone going elsewhere', async () => {
      expect(await parse("move everything Dev has to me til he's back")).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'me' });
      expect(await parse("Jo's left us. Everything she had needs to go to Ali Khan please")).toMatchObject({ intent: 'reassign', person: 'Jo', target: 'Ali Khan' });
      expect(await parse("can the statements for Ali go to Priya while he's on paternity leave until 4/12")).toMatchObject({ intent: 'reassign', person: 'Ali', target: 'Priya', until: '2026-12-04' });
      expect(await parse('reassign Dev\'s momos to Jo starting tomorrow, open ended for now')).toMatchObject({ intent: 'reassign', range: null, until: null });
      expect(await parse('Dev has resigned. Move his statements to Jo until the end of the month')).toMatchObject({ person: 'Dev', target: 'Jo', until: '2026-11-30' });
    });

    it('reads dates written the ways people write them', async () => {
      expect((await parse('due by 4pm fri?')).range).toEqual({ from: '2026-11-23', to: '2026-11-27' });
      expect((await parse('what has Jo got due up to and including Friday')).range).toEqual({ from: '2026-11-23', to: '2026-11-27' });
      expect(await parse("I'm on leave 25th-27th, Jo is covering my visits")).toMatchObject({ intent: 'away', target: 'Jo', range: { from: '2026-11-25', to: '2026-11-27' } });
      expect((await parse('anything else due the w/c 30th Nov')).range).toEqual({ from: '2026-11-30', to: '2026-12-06' });
      expect(await parse('need a date - today plus 10 working days?')).toMatchObject({ intent: 'when', range: { from: '2026-11-23', to: '2026-11-23' } });
      expect((await parse("my team's timescales this month - how are we looking")).range).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    });

    it('leaves out a part after the question that asks nothing, and takes the question when it is surer', async () => {
      expect(await parse('whats due tmrw, trying to plan my day around a family group conference')).toMatchObject({ intent: 'due', kind: null });
      expect(await parse('whats overdue for ellie, shes asked for a catch up')).toMatchObject({ intent: 'team-overdue', person: 'ellie' });
      expect(await parse('show me what my team has due next week, particularly the C&F assessments')).toMatchObject({ intent: 'team-due', kind: 'assessment' });
      expect(await parse("Sorry phone's about to die - anything due over the next 10 days?")).toMatchObject({ intent: 'due', range: { from: '2026-11-23', to: '2026-12-03' } });
      expect(await parse("how are my team doing on timescales this month. it's the 23rd so a bit late to ask")).toMatchObject({ intent: 'stats', scope: 'team' });
    });

    it('reads weekdays joined into a period, an arrow between two people, and two kinds joined by a slash', async () => {
      expect(await parse('Please add a/l for Jo Reid, Thursday to Monday')).toMatchObject({ intent: 'away', person: 'Jo Reid', range: { from: '2026-11-26', to: '2026-11-30' } });
      expect(await parse('Priya is on a course next Thursday and Friday')).toMatchObject({ intent: 'away', range: { from: '2026-12-03', to: '2026-12-04' } });
      expect(await parse('summer -> jade until fri')).toMatchObject({ intent: 'reassign', person: 'summer', target: 'jade', until: '2026-11-27' });
      expect(await parse('team iha/rha next 14 days')).toMatchObject({ intent: 'team-due', kind: 'assessment' });
      expect(await parse('teams visits this wk')).toMatchObject({ intent: 'team-due', kind: 'visit' });
      expect((await parse('Have any of my C&F assessments gone past 45 days?')).range).toBeNull();
    });

    it('reads figures, the queue\'s oldest, notices to everyone and questions about Heard itself', async () => {
      expect(await parse('Am I hitting my visit timescales this month?')).toMatchObject({ intent: 'stats' });
      expect(await parse('What proportion of CiC reviews were on time last month?')).toMatchObject({ intent: 'stats', scope: 'all' });
      expect(await parse('unassigned statements - how long has the oldest been waiting?')).toMatchObject({ intent: 'unassigned' });
      expect(await parse('can u let everyone kno the new routing is live now')).toMatchObject({ intent: 'broadcast' });
      expect(await parse('What can Heard report on for the board?')).toMatchObject({ intent: 'help' });
      expect(await parse('have i let anything slip past the deadline?')).toMatchObject({ intent: 'overdue' });
      expect(await parse('any of the Riverside lot got overdue RHAs')).toMatchObject({ intent: 'team-overdue' });
      expect(await parse("Any statements for my conference children I haven't opened?")).toMatchObject({ intent: 'unopened', kind: 'statement' });
    });

    it('reads named days, a LAC as a review, "my PAs" as a team, and names asked about in lower case', async () => {
      expect((await parse("What's due for me between now and Christmas Eve?")).range).toEqual({ from: '2026-11-23', to: '2026-12-24' });
      expect((await parse('due for team between now and 30th')).range).toEqual({ from: '2026-11-23', to: '2026-11-30' });
      expect(await parse('lacs due this month?')).toMatchObject({ intent: 'due', person: null, kind: 'review' });
      expect(await parse('whens the next lac for CR-20533')).toMatchObject({ kind: 'review', case: 'CR-20533' });
      expect(await parse('overdue visits for my PAs')).toMatchObject({ intent: 'team-overdue', scope: 'team' });
      expect(await parse('is will overdue on anything?')).toMatchObject({ intent: 'team-overdue', person: 'will' });
      expect(await parse("where's frank, is he off")).toMatchObject({ intent: 'away', person: 'frank' });
      expect(await parse("move Sam O'Neill's statements to Jo")).toMatchObject({ intent: 'reassign', person: "Sam O'Neill", target: 'Jo' });
      expect(await parse('please move the 6 statements held by Dev Shah to Jo')).toMatchObject({ person: 'Dev Shah', target: 'Jo' });
    });

    it('reads notices sent, notices that failed, and the question asked after one', async () => {
      expect(await parse('I need to send an all-staff message about saving statements to LCS')).toMatchObject({ intent: 'broadcast' });
      expect(await parse('did any of my broadcasts fail to send')).toMatchObject({ intent: 'delivery-report' });
      expect(await parse('Before I send the notice out, how many statements are still unassigned?')).toMatchObject({ intent: 'unassigned' });
      expect(await parse("I'm Priya Shah's PA. She'd like to see what's due across the whole service next week please")).toMatchObject({ intent: 'team-due', scope: 'all', person: null });
      expect(await parse('I shall be on leave until 4 January. Thank you for all your help.')).toMatchObject({ intent: 'away', until: '2027-01-04' });
      expect((await parse('whats the out of hours number for edt')).intent).toBe('unknown');
    });

    it('reads a date before a dash apart from a name after it, someone\'s statements moved to someone, and a question asked for someone', async () => {
      expect(await parse('Annual leave until 4/1 - April will cover')).toMatchObject({ intent: 'away', until: '2027-01-04', target: 'April' });
      expect(await parse("I would like Dev's statements moved to me while he is on leave next week.")).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'me' });
      expect(await parse("Dev's asked for his statements to go to Jo until Friday")).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'Jo', until: '2026-11-27' });
      expect(await parse("On behalf of Priya Shah - what's due for her on Thursday?")).toMatchObject({ intent: 'team-due', person: 'Priya Shah' });
      expect(await parse('Please show me the statements Dev currently has.')).toMatchObject({ intent: 'team-due', person: 'Dev' });
      expect(await parse('Riverside; due next week; visits only')).toMatchObject({ intent: 'team-due', scope: 'team', kind: 'visit' });
      expect(await parse("I know it's late but which assessments have I got due next month?")).toMatchObject({ intent: 'due' });
      expect(await parse('Could you list the visits I have due this week? I want each child seen within timescales.')).toMatchObject({ intent: 'due', range: { from: '2026-11-23', to: '2026-11-29' } });
      expect((await parse('Do you know if the Christmas party is still on?')).intent).toBe('unknown');
    });

    it('reads a statement moved by mistake, work held while covering, and a move with a start and no end', async () => {
      expect(await parse('the statement for CR-20417 went to Dev by mistake, please move it to Jo')).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'Jo' });
      expect(await parse('Move the statements for KT from Dev to Jo')).toMatchObject({ person: 'Dev', target: 'Jo', case: 'KT' });
      expect(await parse("Jo's back - please move the statements I was covering back to Jo")).toMatchObject({ intent: 'reassign', scope: 'me', person: null, target: 'Jo' });
      expect(await parse('Dev leaves on Friday - move all his statements to Jo from Monday, no end date')).toMatchObject({ intent: 'reassign', range: null, until: null });
    });

    it('reads someone\'s list asked bare, and work put on someone or needing to go to them', async () => {
      expect(await parse("Ali's momos?")).toMatchObject({ intent: 'team-due', person: 'Ali', kind: 'statement' });
      expect(await parse("Dev's visits?")).toMatchObject({ intent: 'team-due', person: 'Dev', kind: 'visit' });
      expect(await parse("put Dev's statements on Jo until Friday")).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'Jo', until: '2026-11-27' });
      expect(await parse('Dev has left, his statements need to go to Jo')).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'Jo' });
      expect(await parse("Dev's statements to Jo w/c 30 Nov")).toMatchObject({ intent: 'reassign', person: 'Dev', target: 'Jo', until: '2026-12-06' });
      expect(await parse('anything overdue for Hope? hoping not')).toMatchObject({ intent: 'team-overdue', person: 'Hope' });
    });
  });

  describe('round 39–40 readings', () => {
    it('reads no range into what is late from a day said as the asker\'s week, and up to a day said after "before … on"', async () => {
      expect((await parse('whats overdue, got court tmrw and need to know before the judge asks')).range).toBeNull();
      expect((await parse('team overdue pls — Monday, forty things to assign and a duty rota to sort')).range).toBeNull();
      expect((await parse('Monday morning queue check - has anything come in that nobody has picked up yet?')).range).toBeNull();
      expect((await parse('have i breached anything this week')).range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
      expect(await parse('what has Will Ashworth got due before he finishes on the 27th')).toMatchObject({ intent: 'team-due', range: { from: '2026-11-23', to: '2026-11-27' } });
    });

    it('reads "this Thursday" said after Thursday as the one to come, and a working-day question about a date as that date', async () => {
      const friday = parseInstant('2026-11-27T10:00:00Z');
      expect((await parse("What's due this Thursday", friday)).range).toEqual({ from: '2026-12-03', to: '2026-12-03' });
      expect((await parse("What's due this Thursday")).range).toEqual({ from: '2026-11-26', to: '2026-11-26' });
      expect(await parse('is 28 December a working day')).toMatchObject({ intent: 'when', range: { from: '2026-12-28', to: '2026-12-28' } });
    });

    it('reads a case system, a county and a team after "on" as what they are', async () => {
      expect(await parse("what's due today in ChildView")).toMatchObject({ intent: 'due', scope: 'me' });
      expect(await parse('overdue assessments in LCS?')).toMatchObject({ intent: 'overdue', scope: 'me', kind: 'assessment' });
      expect(await parse("what's overdue on Westside")).toMatchObject({ intent: 'team-overdue', scope: 'team' });
      expect(await parse('overdue across the county?')).toMatchObject({ intent: 'team-overdue', scope: 'all' });
    });

    it('reads a hello around a question or an absence, and asks behind it', async () => {
      expect(await parse('morning heard hope ur ok, CP visits this week?')).toMatchObject({ intent: 'due', kind: 'visit', range: { from: '2026-11-23', to: '2026-11-29' } });
      expect(await parse('Hello, it is Monday morning and I would like to see which of my team are out of timescale before our huddle at ten. Thank you.')).toMatchObject({ intent: 'team-overdue', scope: 'team' });
      expect(await parse("Hi, I'm off on TOIL this afternoon, back tomorrow morning")).toMatchObject({ intent: 'away', scope: 'me' });
      expect(await parse('Out of office from Thursday to Friday for a conference in Manchester')).toMatchObject({ intent: 'away', scope: 'me', until: '2026-11-27', kind: null });
      expect(await parse("I'll be on leave from 29 March until 6 April - Steph has said she'll keep an eye on things")).toMatchObject({ intent: 'away', target: 'Steph' });
      expect(await parse('I am on annual leave for the whole of next month')).toMatchObject({ intent: 'away', scope: 'me', person: null });
      expect(await parse('Just need to know if anything has slipped.')).toMatchObject({ intent: 'overdue' });
      expect(await parse('whts du tomoro')).toMatchObject({ intent: 'due', range: { from: '2026-11-24', to: '2026-11-24' } });
    });

    it('reads surnames with an apostrophe, a forwarded request, and work given to the asker', async () => {
      expect(await parse("can you show me what Tom O'Neill has due")).toMatchObject({ intent: 'team-due', person: "Tom O'Neill" });
      expect(await parse("Is Tom O'Neill on leave")).toMatchObject({ intent: 'away', scope: 'team', person: "Tom O'Neill" });
      expect((await parse("FW from IRO: 'can you confirm when the next CLA review for TJ is due please'")).case).toBe('TJ');
      expect(await parse("give me Sam's statements while he's off")).toMatchObject({ intent: 'reassign', person: 'Sam', target: 'me' });
    });

    it('reads what the rules say, what happened to a case, figures, notices and errands', async () => {
      expect(await parse('LAC visit frequency?')).toMatchObject({ intent: 'standard', kind: 'visit' });
      expect(await parse('How often should I be seeing a child on a CP plan?')).toMatchObject({ intent: 'standard', kind: 'visit' });
      expect(await parse("When must the child be told we've received their momo?")).toMatchObject({ intent: 'standard' });
      expect(await parse('where is CR-20877 up to?')).toMatchObject({ intent: 'history', case: 'CR-20877' });
      expect(await parse('has the momo from JB been saved to mosaic yet')).toMatchObject({ intent: 'history', case: 'JB' });
      expect(await parse('whats the median time to open a statement')).toMatchObject({ intent: 'stats', scope: 'all' });
      expect(await parse('pls tell westside their queue has been cleared')).toMatchObject({ intent: 'broadcast' });
      expect((await parse('can you write my court statement for me')).intent).toBe('unknown');
      expect((await parse('has anything come in from the momo app that is not assigned yet?')).kind).toBeNull();
    });

    it('reads a day said again after a date, a pleasantry about the weekend, and late said of the hour, as no other date or lateness', async () => {
      expect((await parse('due for my workers on tues 1/12, day after the training day')).range).toEqual({ from: '2026-12-01', to: '2026-12-01' });
      expect(await parse("Hi, hope you had a good weekend! Can you move Jade Brown's statements to Grace Lee for the next 5 days?")).toMatchObject({ intent: 'reassign', until: '2026-11-28' });
      expect((await parse('weekend catch-up: team due next week')).range).toEqual({ from: '2026-11-30', to: '2026-12-06' });
      expect((await parse('unassigned statements before the long weekend?')).range).toBeNull();
      expect((await parse('iha for child RB - is it late? placement started 3 wks ago')).range).toBeNull();
      expect(await parse("late one, sorry - Jade's visits due this month?")).toMatchObject({ intent: 'team-due', person: 'Jade', kind: 'visit' });
    });
  });

  describe('round 41–43 readings', () => {
    it('reads day N of a timescale as no date, or counts it from the one date named; and the rest of the month', async () => {
      expect((await parse("whens the day 45 for KL's C&F due")).range).toBeNull();
      expect(await parse("assessment started 3/11/26, when's day 45?")).toMatchObject({ intent: 'when', range: { from: '2026-11-03', to: '2026-11-03' } });
      expect(await parse('if strategy was on 4/11/2026 when is working day 15 for the ICPC')).toMatchObject({ intent: 'when', kind: null });
      expect((await parse('whats due 4 the rest of the month')).range).toEqual({ from: '2026-11-23', to: '2026-11-30' });
      expect((await parse('what is due for me on Thursday the 3rd of December')).range).toEqual({ from: '2026-12-03', to: '2026-12-03' });
      expect(await parse("What's Tom Reilly got due before he goes on leave Friday")).toMatchObject({ intent: 'team-due', range: { from: '2026-11-23', to: '2026-11-27' } });
      expect((await parse('Before I log off - anything due Friday')).range).toEqual({ from: '2026-11-27', to: '2026-11-27' });
    });

    it('reads teams by the names councils give them, and not the asker\'s own team said to introduce them', async () => {
      expect(await parse('deadlines for MASH this week')).toMatchObject({ intent: 'team-due', scope: 'team', person: null });
      expect(await parse("what's late in CIN North")).toMatchObject({ intent: 'team-overdue', scope: 'team' });
      expect(await parse('how are MASH and DAT doing on timescales this month')).toMatchObject({ intent: 'stats', scope: 'team', case: null });
      expect(await parse("What's due for the DCT this week")).toMatchObject({ intent: 'team-due', scope: 'team', case: null });
      expect(await parse("i'm covering Eastgate as well today, what's due for them today")).toMatchObject({ intent: 'team-due', scope: 'team' });
      expect(await parse("what's overdue for the whole of children's services")).toMatchObject({ intent: 'team-overdue', scope: 'all' });
      expect(await parse("Hi Heard, I'm the TM for CiC 2. Steph is on a/l and I'm keeping an eye on her caseload - what has she got due this week?")).toMatchObject({ intent: 'team-due', person: 'Steph' });
      expect((await parse('can you pull up whats due for the assessment team by end of month')).kind).toBeNull();
    });

    it('reads whose work from who is asked about, and who asked or sent it', async () => {
      expect(await parse("anything overdue for Chloe Barnes while she's been off")).toMatchObject({ intent: 'team-overdue', person: 'Chloe Barnes' });
      expect(await parse('can you tell me whether Gaz is overdue on anything because his manager is off')).toMatchObject({ intent: 'team-overdue', person: 'Gaz' });
      expect(await parse("Forwarded from Steph: 'Can someone move Mo's statements to Aisha until Friday, he's on a course'")).toMatchObject({ intent: 'reassign', person: 'Mo', target: 'Aisha' });
      expect(await parse('Kwame from the OT team asked me to get his statements moved to Wendy Clarke while he is at the hospital')).toMatchObject({ intent: 'reassign', person: 'Kwame', target: 'Wendy Clarke' });
      expect(await parse('Nikki is leaving - move everything of hers to Kwame')).toMatchObject({ intent: 'reassign', person: 'Nikki', target: 'Kwame' });
      expect(await parse('re-assign Femi statements to Lou next month')).toMatchObject({ intent: 'reassign', person: 'Femi', target: 'Lou' });
      expect(await parse("Marcus asked me to let you know he's off sick today")).toMatchObject({ intent: 'away', scope: 'team', person: 'Marcus' });
      expect(await parse("sick day today, Olu's got my duty")).toMatchObject({ intent: 'away', target: 'Olu' });
      expect(await parse('im on al from 22/12 to 2/1, Chris covering')).toMatchObject({ intent: 'away', until: '2027-01-02', target: 'Chris' });
      expect(await parse('starting mat leave from 1 June, no return date yet')).toMatchObject({ intent: 'away', range: null, until: null });
      expect(await parse("can you pull up Ruth's upcoming reviews - she's the IRO for the sibling group and she's on a/l")).toMatchObject({ intent: 'team-due', person: 'Ruth', kind: 'review' });
    });

    it('reads late work asked of the queue, rules, notices, help and goodbyes', async () => {
      expect(await parse("I'm a locum covering a vacant caseload, has the last SW left anything overdue for me?")).toMatchObject({ intent: 'overdue', scope: 'me' });
      expect(await parse('anything overdue from last month still sitting there?')).toMatchObject({ intent: 'overdue' });
      expect(await parse("momos i havent responded to in time?")).toMatchObject({ intent: 'overdue' });
      expect(await parse('how soon after strategy does the ICPC need to be')).toMatchObject({ intent: 'standard' });
      expect(await parse('when does TW\'s pathway plan need to be reviewed by')).toMatchObject({ kind: 'plan', case: 'TW' });
      expect(await parse('trace c-12004 for me')).toMatchObject({ intent: 'history', case: 'C-12004' });
      expect(await parse('message the whole of Westside: new statements will now come through Heard not email')).toMatchObject({ intent: 'broadcast' });
      expect(await parse('any failures sending my broadcast?')).toMatchObject({ intent: 'delivery-report' });
      expect(await parse("how's Olu getting on? he's new and I want to check he's keeping up")).toMatchObject({ intent: 'stats', person: 'Olu' });
      expect(await parse("Hi, I'm new to the participation team - what can Heard do for me?")).toMatchObject({ intent: 'help' });
      expect(await parse('how do i ask about my team')).toMatchObject({ intent: 'help' });
      expect((await parse("can you write up my case notes from this morning's visit")).intent).toBe('unknown');
      expect((await parse('night!')).intent).toBe('greeting');
      expect(await parse('Service manager here – what\'s overdue across all teams for the performance board')).toMatchObject({ intent: 'team-overdue', scope: 'all' });
      expect((await parse('Good morning. Quick question before I head out on visits: have I got any reviews tomorrow?')).kind).toBe('review');
      expect((await parse("ok so I've got court Tuesday and two home visits Thursday, can you tell me what else I've got due next week so I can plan round it")).kind).toBeNull();
    });
  });

  describe('round 44–46 readings', () => {
    it('reads the periods figures are asked over', async () => {
      expect((await parse('on time rate for the team last quarter')).range).toEqual({ from: '2026-07-01', to: '2026-09-30' });
      expect((await parse("how's the service doing on health assessments this quarter")).range).toEqual({ from: '2026-10-01', to: '2026-12-31' });
      expect((await parse('visit compliance since April')).range).toEqual({ from: '2026-04-01', to: '2026-11-23' });
      expect((await parse('statements received year to date (since 1 April)')).range).toEqual({ from: '2026-04-01', to: '2026-11-23' });
      expect((await parse('figures for CiC visits over the last 3 months please')).range).toEqual({ from: '2026-08-23', to: '2026-11-23' });
      expect((await parse('number of momos received in the last 30 days')).range).toEqual({ from: '2026-10-24', to: '2026-11-23' });
      expect((await parse('my on time % for reviews this year')).range).toEqual({ from: '2026-01-01', to: '2026-12-31' });
      expect((await parse('how many statements did we get in 2026 in total')).range).toEqual({ from: '2026-01-01', to: '2026-12-31' });
      expect((await parse('quick one for the monthly report - how many momos in Dec 2026?')).range).toEqual({ from: '2026-12-01', to: '2026-12-31' });
      expect((await parse('Have any of my C&F assessments gone past 45 days?')).range).toBeNull();
      expect(await parse('how many assessments completed in timescale over the last 3 months')).toMatchObject({ intent: 'stats', scope: 'all' });
      expect(await parse('Performance officer here. Can I get on-time rates for all standards for last quarter, broken down by team if poss')).toMatchObject({ intent: 'stats', scope: 'all' });
    });

    it('reads dates joined by a dash, the week commencing a day of the month, and tomorrow and the day after', async () => {
      expect(await parse('booked leave 21st Dec - 4th Jan')).toMatchObject({ intent: 'away', until: '2027-01-04', range: { from: '2026-12-21', to: '2027-01-04' } });
      expect(await parse('a/l 24/12 - 2/1 cover is Bex')).toMatchObject({ intent: 'away', until: '2027-01-02', target: 'Bex' });
      expect((await parse('due w/c 30th?')).range).toEqual({ from: '2026-11-30', to: '2026-12-06' });
      expect(await parse("I'm away on the Safeguarding course tomorrow and the day after")).toMatchObject({ intent: 'away', until: '2026-11-25' });
      expect(await parse("Helo, I'm on annual leave from the 27th to the 30th, Mared has said she'll cover")).toMatchObject({ intent: 'away', until: '2026-11-30', target: 'Mared' });
      expect(await parse('booked a/l for the whole of August')).toMatchObject({ intent: 'away', until: '2027-08-31' });
      expect((await parse('what CP visits have I got to do before the RCPC on the 30th')).range).toEqual({ from: '2026-11-23', to: '2026-11-30' });
      expect((await parse('what CP visits have I got to do before the RCPC on the 30th')).kind).toBe('visit');
      expect(await parse('2 RHAs and a PEP this week, anything else due?')).toMatchObject({ range: { from: '2026-11-23', to: '2026-11-29' }, kind: null });
      expect(await parse('Marek leaves on the 30th, move all his statements to Grace Okafor')).toMatchObject({ intent: 'reassign', person: 'Marek', range: null, until: null });
    });

    it('reads absences said briefly, the cover said as a role, and moves said without a verb', async () => {
      expect(await parse('Flexi day this friday')).toMatchObject({ intent: 'away', until: '2026-11-27' });
      expect(await parse("I'm on jury service from 11 Jan to 22 Jan")).toMatchObject({ intent: 'away', until: '2027-01-22' });
      expect((await parse("off sick, don't know how long for")).intent).toBe('away');
      expect(await parse('put me down as a/l 22/12 to 2/1')).toMatchObject({ intent: 'away', until: '2027-01-02' });
      expect(await parse("Siobhan's off sick, no idea when she's back, cover is her TM")).toMatchObject({ intent: 'away', person: 'Siobhan', target: 'her TM' });
      expect(await parse("i'm at the ASYE training day on wed, can Bethan pick up anything urgent")).toMatchObject({ intent: 'away', target: 'Bethan' });
      expect(await parse('my statements to Kev until the 9th pls, on a course')).toMatchObject({ intent: 'reassign', scope: 'me', target: 'Kev', until: '2026-12-09' });
      expect(await parse("need Abdi's momos moving to Jo until the 29th")).toMatchObject({ intent: 'reassign', person: 'Abdi', target: 'Jo' });
    });

    it('reads teams, notices, history, calendar questions and what Heard does not do', async () => {
      expect(await parse("what's due for Leaving Care next month")).toMatchObject({ intent: 'team-due', scope: 'team' });
      expect(await parse('how many statements has Carmarthen West had since April')).toMatchObject({ intent: 'stats', scope: 'team', person: null });
      expect(await parse('broadcast to Westside: statements for anyone on leave will be routed to cover, check your cards')).toMatchObject({ intent: 'broadcast' });
      expect(await parse('let the CIN East team know the queue will be checked daily by the participation team')).toMatchObject({ intent: 'broadcast' });
      expect(await parse('notify Northfield that their reassigned statements have been moved')).toMatchObject({ intent: 'broadcast' });
      expect(await parse("show every step on TB's momo")).toMatchObject({ intent: 'history', case: 'TB' });
      expect(await parse('is 1st Jan 2027 a bank holiday?')).toMatchObject({ intent: 'when', range: { from: '2027-01-01', to: '2027-01-01' } });
      expect(await parse('if a statement lands at 4pm on 24 Dec when do the 7 working hours run out')).toMatchObject({ intent: 'when', kind: null });
      expect(await parse('any unidentified young people statements waiting')).toMatchObject({ intent: 'unassigned', scope: 'all' });
      expect(await parse("what's outstanding that's past due")).toMatchObject({ intent: 'overdue', person: null });
      expect(await parse('what have i got due tmrw (sorry its late)')).toMatchObject({ intent: 'due', range: { from: '2026-11-24', to: '2026-11-24' } });
      expect((await parse('translate this into polish please: we will visit on monday')).intent).toBe('unknown');
      expect((await parse("who's on the out of hours rota tonight")).intent).toBe('unknown');
      expect((await parse('nos da')).intent).toBe('greeting');
    });
  });

  describe('round 47–49 readings', () => {
    it('reads dates that are only what happened beside a question about a case\'s deadline, and up to the day an absence starts', async () => {
      expect((await parse("when's the IHA due for KP, she came into care on the 3rd")).range).toBeNull();
      expect((await parse('when is the single assessment for SM due, opened it 10 days ago')).range).toBeNull();
      expect((await parse('IRO here - when is the 2nd CLA review due for child ref C-20931')).range).toBeNull();
      expect((await parse('what needs doing before I go on leave on the 30th')).range).toEqual({ from: '2026-11-23', to: '2026-11-30' });
      expect((await parse("I need to regroup before the afternoon. What's due for me tomorrow?")).range).toEqual({ from: '2026-11-24', to: '2026-11-24' });
      expect((await parse('whats due before xmas')).range).toEqual({ from: '2026-11-23', to: '2026-12-25' });
      expect((await parse('is there anything in the portal queue that needs assigning before 5pm')).range).toBeNull();
      expect(await parse('Emma C is still off sick (fit note now runs to 3 December) so can her statements go to me until then')).toMatchObject({ intent: 'reassign', until: '2026-12-03' });
      expect((await parse('stats cin sept')).range).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    });

    it('reads working days counted from a date however the count is asked', async () => {
      expect(await parse("if a C&F assessment starts on 2 Feb when's 45 working days")).toMatchObject({ intent: 'when', kind: null, range: { from: '2027-02-02', to: '2027-02-02' } });
      expect(await parse('strat on 2 Feb - when does the ICPC need to be by if its 15 working days?')).toMatchObject({ intent: 'when', range: { from: '2027-02-02', to: '2027-02-02' } });
      expect(await parse("Can you tell me when TH's second review is due please, I think it's 3 months after the first but I'm not sure")).toMatchObject({ intent: 'due', case: 'TH', kind: 'review' });
      expect(await parse('NQSW q: is it 10 working days or 10 days for a CIN visit?')).toMatchObject({ intent: 'standard', person: null, range: null });
    });

    it('reads whose list, which case, and the queue, asked in few words or many', async () => {
      expect(await parse('Daves visits due this wk')).toMatchObject({ intent: 'team-due', person: 'Dave', kind: 'visit' });
      expect(await parse("what's Kez got on this week, she's off tomorrow and I'm covering")).toMatchObject({ intent: 'team-due', person: 'Kez' });
      expect(await parse("what's due tomorrow, not that anyone's working lol")).toMatchObject({ intent: 'due', scope: 'me' });
      expect((await parse("what's due on liquidlogic ref 3309182")).case).toBe('3309182');
      expect((await parse('whats overdue on ls-2297 sorry LCS-229741')).case).toBe('LCS-229741');
      expect(await parse('Morning, can I see the queue please, Jess is off so I\'m doing allocations')).toMatchObject({ intent: 'unassigned', person: null });
      expect((await parse('q?')).intent).toBe('unassigned');
      expect((await parse('q')).intent).toBe('unknown');
      expect(await parse("hey heard can you tell me what I've got due this week because I was in court all day monday and I haven't looked at anything yet thanks")).toMatchObject({ intent: 'due' });
      expect((await parse('so i had a really busy week with two strategy meetings and an ICPC and I think I might have let some visits slip can you tell me which visits are overdue')).kind).toBe('visit');
    });

    it('reads late work, moves, absences, figures, history and what Heard does not do', async () => {
      expect((await parse('anything breached that I need to explain to my manager')).intent).toBe('overdue');
      expect(await parse('hi heard, as a TM I need to know which of my workers has breached on RHAs')).toMatchObject({ intent: 'team-overdue', scope: 'team', kind: 'assessment' });
      expect(await parse('any plans i need to update for AH')).toMatchObject({ intent: 'due', case: 'AH', kind: 'plan' });
      expect(await parse("can Lou have my visits while i'm in court tomorrow")).toMatchObject({ intent: 'reassign', target: 'Lou' });
      expect(await parse('off this afternoon for a dentist appt')).toMatchObject({ intent: 'away', until: '2026-11-23' });
      expect(await parse('booking TOIL for the 30th')).toMatchObject({ intent: 'away', until: '2026-11-30' });
      expect(await parse('heads up, on TOIL monday after the late ICPC on thursday')).toMatchObject({ intent: 'away', kind: null });
      expect(await parse('Im on a/l from 30 march to 10 april. Can you make sure nudges go to Rach')).toMatchObject({ intent: 'away', target: 'Rach' });
      expect(await parse('service timeliness for care plans')).toMatchObject({ intent: 'stats', scope: 'all', kind: 'plan' });
      expect(await parse('Morning Heard, the HoS has asked how the whole service did on statement timescales last month - can you pull that together?')).toMatchObject({ intent: 'stats', scope: 'all' });
      expect((await parse("how's my team looking this week for timeliness")).person).toBeNull();
      expect(await parse("who's opened the momo for CR-20455")).toMatchObject({ intent: 'history', case: 'CR-20455' });
      expect(await parse('was the momo from DS ever saved to the case record?')).toMatchObject({ intent: 'history', case: 'DS' });
      expect(await parse("has CK's statement been opened by me yet")).toMatchObject({ intent: 'unopened', case: 'CK' });
      expect(await parse("how long left on RB's C&F assessment")).toMatchObject({ intent: 'due', case: 'RB' });
      expect((await parse('whats the command for the queue? new in post')).intent).toBe('help');
      expect((await parse('can you explain what Heard is for, my TM told me to add it')).intent).toBe('help');
      for (const text of ['who won bake off', 'when is the SW pay award being paid', 'how much annual leave do I have left this year', "what's the password for LCS, I'm locked out", 'can you update the chronology in mosaic for me']) {
        expect((await parse(text)).intent).toBe('unknown');
      }
      expect((await parse("my laptop won't connect to the VPN")).case).toBeNull();
    });
  });

  describe('held-out-9 misses (read after its first-contact scoring), fixed as general faults', () => {
    it('reads a time named in the question and dated after it, and the month so far', async () => {
      expect((await parse('any visits due before half term? it starts 14 dec')).range).toEqual({ from: '2026-11-23', to: '2026-12-14' });
      expect((await parse('anything due between christmas and new year? like 29 to 31 dec')).range).toEqual({ from: '2026-12-29', to: '2026-12-31' });
      expect((await parse('numbers for the month so far pls - how many statements in and how many responded to on time')).range).toEqual({ from: '2026-11-01', to: '2026-11-30' });
      expect(await parse('what core groups have my team got in the next fortnight')).toMatchObject({ intent: 'team-due', kind: 'conference', range: { from: '2026-11-23', to: '2026-12-07' } });
      expect((await parse("Can you tell me when TH's second review is due please, I think it's 3 months after the first but I'm not sure")).range).toBeNull();
    });

    it('reads the asker introducing themselves, a forwarded request, and a child\'s initials before "case"', async () => {
      expect(await parse("hi heard its Nadia from the CiC team I'm just driving back from a placement visit can you tell me what reviews I've got due next week")).toMatchObject({ intent: 'due', scope: 'me' });
      expect(await parse('As IRO for AB I need to know when his next CLA review is due, the last one got moved')).toMatchObject({ intent: 'due', person: null });
      expect(await parse("Forwarded from Jo Maxwell: 'Hi, please can you move my statements to Callum while I'm on leave from 10 to 21 December, thanks'")).toMatchObject({ intent: 'reassign', scope: 'team', person: 'Jo Maxwell', target: 'Callum' });
      expect((await parse("when's the next core group for the AM case")).case).toBe('AM');
      expect((await parse('can you notify the YJS case managers that alerts go to them')).case).toBeNull();
      expect(await parse("give me all of Hana's momos while she's off")).toMatchObject({ intent: 'reassign', target: 'me', person: 'Hana' });
    });

    it('reads history, standards, lists for a meeting and how-to asked in other words', async () => {
      expect(await parse('log for C-20981')).toMatchObject({ intent: 'history', case: 'C-20981' });
      expect(await parse('why did CR-20991 get reassigned, can I see the trail')).toMatchObject({ intent: 'history', case: 'CR-20991' });
      expect(await parse('how is Leaving Care doing on pathway plans')).toMatchObject({ intent: 'stats', scope: 'team' });
      expect((await parse('core group within how many days of the ICPC?')).intent).toBe('standard');
      expect((await parse("OK so I need to know what is overdue for my team because the head of service is asking and I've got the performance clinic at 2 o'clock can you send me the list")).intent).toBe('team-overdue');
      expect((await parse("Morning. Before the performance meeting can you pull what's overdue for every team please")).intent).toBe('team-overdue');
      expect((await parse("can you show me how to record that I've told the child")).intent).toBe('help');
      expect(await parse('have I read the momo from AJ')).toMatchObject({ intent: 'unopened', case: 'AJ' });
    });
  });

  describe('round 50–52 readings', () => {
    it('reads follow-ups typed after an answer', async () => {
      expect(await parse('and friday?')).toMatchObject({ intent: 'due', range: { from: '2026-11-27', to: '2026-11-27' } });
      expect(await parse('what about thursday')).toMatchObject({ intent: 'due', range: { from: '2026-11-26', to: '2026-11-26' } });
      expect(await parse('and next week?')).toMatchObject({ intent: 'due', range: { from: '2026-11-30', to: '2026-12-06' } });
      expect(await parse('tomorrow?')).toMatchObject({ intent: 'due', range: { from: '2026-11-24', to: '2026-11-24' } });
      expect(await parse('only the reviews')).toMatchObject({ intent: 'due', kind: 'review' });
      expect(await parse('what about my team?')).toMatchObject({ intent: 'team-due', scope: 'team' });
      expect(await parse('and for Westside?')).toMatchObject({ intent: 'team-due', scope: 'team' });
    });

    it('reads context dates, corrections and the dates of a move', async () => {
      expect((await parse("do I have any reviews coming up - I'm off from the 21st so need to know what's due between now and 18 December")).range).toEqual({ from: '2026-11-23', to: '2026-12-18' });
      expect((await parse('can you check if anything has gone overdue while I was on the course yesterday')).range).toBeNull();
      expect((await parse("how is Sam getting on? He's been struggling since the restructure in March")).range).toBeNull();
      expect((await parse('month end figures - how many statements received in October, sorry I mean last month')).range).toEqual({ from: '2026-10-01', to: '2026-10-31' });
      expect(await parse('TM here. Olu has resigned, last day was yesterday - please move all his statements to me')).toMatchObject({ intent: 'reassign', person: 'Olu', range: null, until: null });
      expect(await parse("Chloe's left the authority as of today. Can you move all her statements to me until the post is filled")).toMatchObject({ intent: 'reassign', range: null, until: null });
      expect(await parse("Ali's at a safeguarding conference all next week and Hana's agreed to pick up, so move Ali's statements to Hana from Monday to Wednesday")).toMatchObject({ intent: 'reassign', until: '2026-11-25' });
      expect(await parse('Good afternoon. I would be grateful if you could confirm which statements require my attention by close of business on Thursday.')).toMatchObject({ range: { from: '2026-11-23', to: '2026-11-26' } });
      expect(await parse('if a child comes into care on Monday 7 Dec when would 20 working days be')).toMatchObject({ intent: 'when', range: { from: '2026-12-07', to: '2026-12-07' } });
    });

    it('reads absences and cover said many ways, and moves by whom they are allocated to', async () => {
      expect(await parse("Marcus is off for the next fortnight, Abdi's covering his CP cases")).toMatchObject({ intent: 'away', person: 'Marcus', target: 'Abdi' });
      expect(await parse("I'm at the LAC conference all day on the 30th")).toMatchObject({ intent: 'away', until: '2026-11-30', kind: null });
      expect(await parse('Jas is on a/l until 2 Jan, Tom has her cases')).toMatchObject({ intent: 'away', target: 'Tom' });
      expect(await parse("Heard, I've got a dental appointment and then I'm on a/l for the rest of today, Ahmed can pick anything up")).toMatchObject({ intent: 'away', target: 'Ahmed' });
      expect(await parse('I am on annual leave from 22/12 to 02/01 inclusive. Cover will be provided by Gemma Lawson.')).toMatchObject({ intent: 'away', target: 'Gemma Lawson' });
      expect(await parse('book me out next Thursday - training')).toMatchObject({ intent: 'away', scope: 'me', person: null });
      expect(await parse("who's covering for Leanne while she's off")).toMatchObject({ intent: 'away', scope: 'team', person: 'Leanne' });
      expect(await parse("I'm off tmrw can Lucy have my statements while im off")).toMatchObject({ intent: 'reassign', target: 'Lucy' });
      expect(await parse('Please reassign all statements currently allocated to Mr Okafor to Ms Reid with immediate effect.')).toMatchObject({ intent: 'reassign', person: 'Mr Okafor', target: 'Ms Reid' });
      expect(await parse('please move the new statement for ML to Rachel, it came to me by mistake')).toMatchObject({ intent: 'reassign', scope: 'me', target: 'Rachel' });
      expect(await parse("From Dee: Ali's going on paternity leave early, can his statements go to Kez until the 30th")).toMatchObject({ intent: 'reassign', person: 'Ali', target: 'Kez' });
    });

    it('reads late work, figures, notices, history and what Heard does not do', async () => {
      expect((await parse('whatsoverdue')).intent).toBe('overdue');
      expect((await parse('whats red on my Liquidlogic dashboard')).intent).toBe('overdue');
      expect((await parse('Dear Heard, please provide a list of any items on my caseload which have exceeded their timescale. Many thanks.')).intent).toBe('overdue');
      expect(await parse('has anyone in the team breached a timescale')).toMatchObject({ intent: 'team-overdue', scope: 'team' });
      expect(await parse('overdue statements for the whole county')).toMatchObject({ intent: 'team-overdue', scope: 'all' });
      expect((await parse('have I missed opening anything? I was out on visits all day yesterday')).intent).toBe('unopened');
      expect(await parse('anything waiting to be routed')).toMatchObject({ intent: 'unassigned', scope: 'all' });
      expect(await parse('how many overdue visits are there across all teams')).toMatchObject({ intent: 'stats', scope: 'all' });
      expect(await parse('which teams are furthest behind')).toMatchObject({ intent: 'stats' });
      expect(await parse('hi, participation officer here, can I get the numbers for statements received this week so far')).toMatchObject({ intent: 'stats', range: { from: '2026-11-23', to: '2026-11-29' } });
      expect(await parse('how many statements did Riverside receive last month')).toMatchObject({ intent: 'stats', scope: 'team' });
      expect(await parse('send a reminder to Northgate to save statements to Eclipse with the reference')).toMatchObject({ intent: 'broadcast' });
      expect(await parse('any failed deliveries on my broadcast?')).toMatchObject({ intent: 'delivery-report' });
      expect((await parse('where does the 72 working hours thing come from')).intent).toBe('standard');
      expect((await parse('when does an IHA need doing by')).intent).toBe('standard');
      expect(await parse('how long till my cic visit for JB is due')).toMatchObject({ intent: 'due', case: 'JB' });
      expect((await parse('whens the next RCPC for the baby MH')).case).toBe('MH');
      expect((await parse("have i missed any RHA's")).case).toBeNull();
      expect((await parse('NYE and I\'m still here - what have I got due next month')).case).toBeNull();
      for (const text of ['how do I get my DBS renewed', 'whats the deadline for my mileage claim this month', 'whats the mosaic helpdesk number']) expect((await parse(text)).intent).toBe('unknown');
    });
  });

  describe('round 53–55 readings', () => {
    it('reads days said with their dates, the Friday after next, and everyone as the service', async () => {
      expect(await parse('Heard I am on annual leave from Monday the 30th of November until Friday the 4th of December Gemma is covering my statements')).toMatchObject({ intent: 'away', range: { from: '2026-11-30', to: '2026-12-04' }, until: '2026-12-04', target: 'Gemma' });
      expect((await parse('not this friday, the one after - what have i got due then')).range).toEqual({ from: '2026-12-04', to: '2026-12-04' });
      expect(await parse("what's due for everyone tomorrow")).toMatchObject({ intent: 'team-due', scope: 'all' });
      expect(await parse('what does everyone in my team have due today')).toMatchObject({ intent: 'team-due', scope: 'team' });
      expect(await parse("Hi Heard, as Team Manager I need to know which of my team's visits are overdue before my meeting with the Service Manager. Thanks")).toMatchObject({ intent: 'team-overdue', scope: 'team' });
      expect((await parse("when's the next core group for the S children (C-12009)? Health visitor wants to attend this time")).range).toBeNull();
      expect((await parse('notify all SWs that the queue will be checked twice a day from now on')).intent).toBe('broadcast');
    });

    it('reads moves and absences for now, of someone covered, and said in the third person', async () => {
      expect(await parse("Femi has handed his notice in, can all of Femi's statements go to Nadia for now please and I'll sort the cases out properly next week")).toMatchObject({ intent: 'reassign', range: null, until: null });
      expect(await parse("Need to cover Gaz while he's on a/l w/c 30 Nov - move his statements to me please")).toMatchObject({ intent: 'reassign', person: 'Gaz', target: 'me' });
      expect(await parse('Nav is on jury service until the 30th')).toMatchObject({ intent: 'away', scope: 'team', person: 'Nav', until: '2026-11-30' });
      expect(await parse('Out sick until Friday, Jess please cover')).toMatchObject({ intent: 'away', target: 'Jess', until: '2026-11-27' });
      expect((await parse('FW: Jonno is off until further notice, please can his statements be moved to Bex. Thanks, Service Manager')).person).toBe('Jonno');
      expect((await parse('Ive got supervision with Wes in 10 mins, whats he got overdue')).person).toBe('Wes');
    });

    it('reads cases, history, unopened work, figures, notices and how-to questions', async () => {
      expect((await parse('is anything overdue on mosaic 4471902')).case).toBe('4471902');
      expect((await parse('timeline for MH please')).case).toBe('MH');
      expect((await parse('im trying to work out when the next visit is for JT he moved placement last week')).range).toBeNull();
      expect(await parse('who moved CR-19982 onto my caseload')).toMatchObject({ intent: 'history', case: 'CR-19982' });
      expect(await parse('who escalated CR-20417 and why')).toMatchObject({ intent: 'history' });
      expect(await parse('was RS told we got her momo?')).toMatchObject({ intent: 'history', case: 'RS' });
      expect(await parse('whens the ICPC for the new one, C-11873')).toMatchObject({ intent: 'due', kind: 'conference' });
      expect((await parse('did I miss opening any statements while I was off')).intent).toBe('unopened');
      expect((await parse('which momos still need downloading')).intent).toBe('unopened');
      expect((await parse('hi heard can you check if anything of mine is overdue ive been in court all week and havent looked at LCS at all')).intent).toBe('overdue');
      expect((await parse('Am I in trouble for anything? 😬 overdue stuff I mean')).intent).toBe('overdue');
      expect(await parse('are we hitting timescales for ICPCs')).toMatchObject({ intent: 'stats', scope: 'all' });
      expect((await parse('how frequent are CP visits meant to be')).intent).toBe('standard');
      expect((await parse('who still needs to read the reminder I sent')).intent).toBe('delivery-report');
      expect((await parse('Catching up on a Saturday (don\'t tell my TM) - what\'s due first thing Monday?')).intent).toBe('due');
      for (const text of ['can you explain how to record my leave in here', 'can you explain how I record that I\'m on leave in Heard', 'how do i get my statements to show in teams']) expect((await parse(text)).intent).toBe('help');
      for (const text of ['can you pull the chronology out of carefirst for TD', "can you send me the minutes from yesterday's core group"]) expect((await parse(text)).intent).toBe('unknown');
      expect((await parse("hey heard can you tell me what I've got due on Thursday because I think there's a core group for one of mine")).kind).toBeNull();
    });
  });

  describe('held-out-10 misses (read after its first-contact scoring), fixed as general faults', () => {
    it('reads the 1st of next month as that day, and what should have been done as late', async () => {
      expect(await parse('going on mat leave from the 1st of next month, no end date yet')).toMatchObject({ intent: 'away', range: null, until: null });
      expect((await parse("what's due on the 15th of next month")).range).toEqual({ from: '2026-12-15', to: '2026-12-15' });
      expect((await parse('any statements I should have acknowledged by now')).intent).toBe('overdue');
      expect((await parse('which of mine are late, need to tell my TM before she chases')).intent).toBe('overdue');
    });

    it('reads whose work, who is in, the service, and roles that are not children', async () => {
      expect(await parse('what does Marta need to do this week')).toMatchObject({ intent: 'team-due', person: 'Marta' });
      expect(await parse('is Bex in?')).toMatchObject({ intent: 'away', scope: 'team', person: 'Bex' });
      expect(await parse("everyone's overdue list pls")).toMatchObject({ intent: 'team-overdue', scope: 'all' });
      expect(await parse("Head of Service here - overdue visits across children's services please")).toMatchObject({ intent: 'team-overdue', scope: 'all' });
      expect((await parse('BSO here, can you tell me which ICPCs are due across the service next week, I need to book chairs and rooms')).case).toBeNull();
      expect((await parse('Fwd from Kerry: "Can someone check what\'s due for the LC team in the next 5 days please"')).case).toBeNull();
      expect(await parse("what's the LADO's number")).toMatchObject({ intent: 'unknown', person: null });
    });
  });

  describe('round 56–57 readings', () => {
    it('reads days named by their place in a month or week, years said once, and "between now and then"', async () => {
      expect((await parse('what have i got due on the last friday of the month')).range).toEqual({ from: '2026-11-27', to: '2026-11-27' });
      expect((await parse('whats due on the last friday of next month')).range).toEqual({ from: '2026-12-25', to: '2026-12-25' });
      expect((await parse("I'm off until the last friday of the month")).until).toBe('2026-11-27');
      expect((await parse("whats on at the start of next week? anything due")).range).toEqual({ from: '2026-11-30', to: '2026-11-30' });
      expect((await parse('whats due wk after next')).range).toEqual({ from: '2026-12-07', to: '2026-12-13' });
      expect((await parse("What's due 9th March 2027 - 13th March 2027")).range).toEqual({ from: '2027-03-09', to: '2027-03-13' });
      expect((await parse('compliance figures for ICPCs 1 Jan - 31 Mar 2026')).range).toEqual({ from: '2026-01-01', to: '2026-03-31' });
      expect((await parse("i'm back from leave on the 30th. what's due between now and then")).range).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    });

    it('reads cover after a colon, notices before sums, and late work said other ways', async () => {
      expect(await parse("I'm off sick. Cover: Priya")).toMatchObject({ intent: 'away', target: 'Priya' });
      expect((await parse('broadcast to all SWs: please save statements to LCS within 2 working days of download')).intent).toBe('broadcast');
      expect((await parse('any failures on the notice I sent out?')).intent).toBe('delivery-report');
      expect((await parse('what have i not done that i should have by now')).intent).toBe('overdue');
      expect((await parse('which plans have I let lapse')).intent).toBe('overdue');
      expect((await parse('did i miss the RHA deadline for C-10442')).intent).toBe('overdue');
      expect(await parse('can my CR-20417 go to Mo instead')).toMatchObject({ intent: 'reassign', scope: 'me' });
      expect(await parse("who's covering for Kwame")).toMatchObject({ intent: 'away', person: 'Kwame' });
      expect(await parse('doing my PDP training next Tuesday, please note')).toMatchObject({ intent: 'away', case: null });
      expect((await parse("when do i need to have AB's statement saved to LCS by?")).intent).toBe('due');
      expect((await parse('Quick one before my 10am ICPC - have I got anything overdue?')).kind).toBeNull();
      expect((await parse('hey heard can you tell me what ive got due this week please ive got a really busy one with two icpcs')).kind).toBeNull();
      for (const text of ['do you know when Ofsted are coming in', 'what did AB say in her momo', 'is it going to snow tomorrow']) expect((await parse(text)).intent).toBe('unknown');
      expect((await parse('Ofsted are due in soon - what was the on-time rate for RHAs and IHAs across the service last month?')).intent).toBe('stats');
    });
  });

  describe('held-out-11 misses (read after its first-contact scoring), fixed as general faults', () => {
    it('reads a time named in the question and dated after it, a hedge between two days, and the day', async () => {
      expect((await parse('do I have any visits due in half term? its the 14th-18th dec')).range).toEqual({ from: '2026-12-14', to: '2026-12-18' });
      expect(await parse('sick today and prob tomorrow - Lauren can pick up anything urgent')).toMatchObject({ intent: 'away', until: '2026-11-24', target: 'Lauren' });
      expect(await parse('can you move my stuff to Woj for the day')).toMatchObject({ intent: 'reassign', until: '2026-11-23' });
      expect((await parse('Hi Heard, just wanted to check if I have anything overdue before I log off for the day. Thanks!')).range).toBeNull();
      expect(await parse('booked TOIL for the day after tomorrow')).toMatchObject({ intent: 'away', until: '2026-11-25' });
      expect(await parse('Hi - Marcus is leaving at the end of the month, can his statements go to Zainab from the 1st')).toMatchObject({ intent: 'reassign', range: null, until: null });
    });

    it('reads teams by their initials first, a move of someone\'s named in full, and late work said as should have', async () => {
      expect(await parse('YJS overdue list')).toMatchObject({ intent: 'team-overdue', scope: 'team', person: null });
      expect(await parse('yjs - any overdue assetplus assessments')).toMatchObject({ intent: 'overdue', person: null });
      expect(await parse('performance figures for leaving care, last week')).toMatchObject({ intent: 'stats', scope: 'team' });
      expect((await parse('can i get the compliance figures for momo last month for the participation board')).kind).toBeNull();
      expect(await parse("move Shaz Ahmed's to me till 4/1")).toMatchObject({ intent: 'reassign', person: 'Shaz Ahmed', target: 'me', until: '2027-01-04' });
      expect(await parse('Bex is leaving on friday, move her stuff to the new starter Ola from Monday')).toMatchObject({ intent: 'reassign', target: 'Ola' });
      expect((await parse("what haven't i done that i should have")).intent).toBe('overdue');
    });
  });

  describe('a question asked last, after what the asker is doing', () => {
    it('takes the question\'s own dates', async () => {
      expect((await parse("Writing the agenda for Monday's team meeting and want to flag anything coming up - what visits and reviews are due for my team next week?")).range).toEqual({ from: '2026-11-30', to: '2026-12-06' });
      expect((await parse("I've got a CIN review on Tuesday, court on Wednesday and I'm on training Thursday so trying to work out what else I need to squeeze in - what's due for me this week?")).range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
      expect((await parse('what visits I have due between the 5th and 9th of January 2027 thanks')).range).toEqual({ from: '2027-01-05', to: '2027-01-09' });
    });
  });
});
