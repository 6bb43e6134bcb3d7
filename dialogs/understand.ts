import { civilDateOf, formatCivilDate, type WorkingCalendar } from '../standards';
import { caseOf, type DeadlineKind } from './case-words';
import { findDates, monthAhead, numberOf, type DateMention } from './dates';
import { IntentClassifier } from './intent-classifier';
import { AWAY_ASKED_BARE, AWAY_QUESTION, GIVE_ME_SOMEONES, MOVING, readIntent, sendsNoticeFirst, type AbsenceAsk, type Intent } from './intent-grammar';
import { isNameWord } from './name-words';
import { NAME_STAND_IN, normalise, spokenPunctuation, wordsAsTyped, type Normalised } from './normalise';

/** @example const s: Scope = 'me'; */
export type Scope = 'me' | 'team' | 'all';

export { INTENTS, type AbsenceAsk, type Intent } from './intent-grammar';

/**
 * How an absence's or reassignment's end was said: `back-on` ("until Monday", "back
 * Monday": back that day, so the last day away is the day before) or `last-day`
 * ("to Friday", "next week", "including Monday", a bare date given as the last day).
 *
 * @example const r: UntilReading = 'back-on';
 */
export type UntilReading = 'back-on' | 'last-day';

/** A working-time question: "10 working days before 12 March", "7 working hours from now". */
export interface WhenQuestion {
  amount: number;
  clock: 'working-days' | 'working-hours' | 'calendar-days' | 'hours' | 'weeks' | 'months';
  direction: 'after' | 'before';
  /** The local date counted from, or null for "now". */
  anchor: string | null;
  /** Minutes after local midnight when a time was given with the date. */
  anchorMinutes: number | null;
}

/**
 * What a message means: `heard parse`'s JSON (interfaces.md), plus `from` (an absence's
 * first day), `when`, `standardRef` and the explanation of how it was read.
 *
 * @example
 * const u: Understanding = { intent: 'due', scope: 'me', range: { from: '2026-11-23', to: '2026-11-29' }, person: null, target: null, until: null, from: null, when: null, standardRef: null, absence: null, statementRef: null, case: null, kind: null, untilReading: null, audience: null, notice: null, words: "what is due this week", explanation: [] };
 */
export interface Understanding {
  intent: Intent;
  scope: Scope;
  range: { from: string; to: string } | null;
  person: string | null;
  target: string | null;
  until: string | null;
  from: string | null;
  when: WhenQuestion | null;
  /** A standard's number as written (`2.1`, `momo.2.1`), or null. */
  standardRef: string | null;
  /** `away`: what it asks of absences (null for other intents). */
  absence: AbsenceAsk | null;
  /** A statement's reference as written, upper-cased (`CR-20430`), or null. */
  statementRef: string | null;
  /** The case, statement or child asked about: a reference upper-cased (`C-10442`) or the child's initials (`AB`), or null. */
  case: string | null;
  /** The kind of deadline the question narrows to ("visits", "reviews"), or null. */
  kind: DeadlineKind | null;
  /**
   * How `until` was said. `until` stays the date the words name (`until Monday` → that
   * Monday, as `heard parse` and the labelled sets read it); with `back-on` the last day
   * away is the day before, which the flows record and say in their preview.
   */
  untilReading: UntilReading | null;
  /** `broadcast`: who it is for, as written ("everyone", "the Riverside team", "all managers"), or null. */
  audience: string | null;
  /** `broadcast`: the message, as typed (after a colon, "saying" or "that"), or null. */
  notice: string | null;
  /** The message as normalised (for answers that match words, e.g. which standard). */
  words: string;
  explanation: string[];
}

const TEAM_WORDS = /\b(my iros|my chairs|my students|my teams?(?! manager)|the team(?! manager)|our team|team(?! manager)|my workers|my staff|my lot|my social workers|everyone|everybody|anyone|(?<=^(?:(?:hi|ok|so|and|but|right|quick one|morning|also) )?)(?:who is|who has|whose)|which of my (?:team|workers|staff|people|sws|social workers|practitioners|reports|pas|personal advisers)|my pas|my personal advisers|both teams|across both|both of my teams|the (?:dct|cwdt|cwd team|lct|cict|cic team|mash|dat|fst|fsw team)|which (?:of the )?(?:workers|social workers|practitioners|staff)|my sws|my reports|my practitioners)\b/;
const ALL_WORDS = /\b(which teams|which team(?! (?:assessments|visits|reviews|statements|plans|conferences|cases|meetings|deadlines)\b)|what team(?! (?:assessments|visits|reviews|statements|plans|conferences|cases|meetings|deadlines)\b)|what teams|any teams|whole service|whole council|everything in the service|the service(?! manager| managers| user| users| plan)|all teams|every team|each team|every \S+ team|each \S+ team|all (?:the )?\S+ teams|across (the )?(service|council|county|borough|authority|local authority|directorate|teams|all teams)|broken down by team|by team|per team|team by team|county wide|borough wide|(?:for|of) (?:everyone|everybody)\b(?! (?:in|on) (?:my|the|our) team)|^(?:everyone|everybody) '?s\b(?! team)|across (?:all )?(?:of )?(?:children s |childrens |children )services?|(?:the )?whole (?:county|borough|authority|council|la)|(?:the )?whole of (?:children s |childrens |children |social care |\S+ )?services?|all workers|service wide|all the teams|council wide|across the board|everyone in the service)\b/;

/**
 * Understands messages offline and deterministically: normalises them (`normalise.ts`),
 * finds dates (`dates.ts`, chrono-node for calendar dates), chooses the intent with a
 * small grammar for unambiguous shapes ("N working days before D", "standard 2.1") and
 * otherwise nlp.js's trained classifier (`intent-classifier.ts`), then decides scope and
 * fills the slots from the words as typed. Every step adds to `explanation`.
 *
 * @example
 * const understanding = await Understander.create(compileCalendar());
 * await understanding.parse("what's due this wk?", parseInstant('2026-11-23T09:30:00Z'));
 * // { intent: 'due', scope: 'me', range: { from: '2026-11-23', to: '2026-11-29' }, … }
 */
export class Understander {
  private constructor(private readonly classifier: IntentClassifier, private readonly calendar: WorkingCalendar) {}

  static async create(calendar: WorkingCalendar): Promise<Understander> {
    return new Understander(await IntentClassifier.train(), calendar);
  }

  /** The local date (epoch day) of an instant on the organisation's calendar. */
  localDay(now: number): number {
    return this.calendar.epochDay(this.calendar.dayOf(now));
  }

  async parse(said: string, now: number): Promise<Understanding> {
    const message = spokenPunctuation(said);
    const n = normalise(message);
    const today = this.localDay(now);
    const dates = findDates(n.text, today);
    const explanation: string[] = [];
    if (n.corrections.length > 0) explanation.push(`read ${n.corrections.join(', ')}`);
    for (const d of dates) explanation.push(`"${d.text}" is ${iso(d.from)}${d.to !== d.from ? `..${iso(d.to)}` : ''}`);

    const u: Understanding = {
      intent: 'unknown', scope: 'me', range: null, person: null, target: null, until: null,
      from: null, when: null, standardRef: null, absence: null, statementRef: null, case: null, kind: null, untilReading: null,
      audience: null, notice: null, words: n.text, explanation,
    };
    if (n.text.trim() === '') {
      explanation.push('no words');
      return u;
    }

    // The case or child the message names, whatever it asks ("rcpc for TD - 10 wd before 2/3 is when").
    u.case = caseOf(n);
    const when = whenQuestion(n.text, dates);
    // "section 20", "section 47" are the Children Act's (accommodation, enquiries); a standard's section has a dot ("section 2.1").
    const standardRef = /\b(?:standard|std) ((?:[a-z-]+\.)?\d+(?:\.\d+)*)\b/.exec(n.text)?.[1]
      ?? /\b(?:section|para|paragraph) ((?:[a-z-]+\.)?\d+\.\d+(?:\.\d+)*)\b/.exec(n.text)?.[1]
      ?? /\b((?:momo|yjs|childrens-services|core-practice)\.\d+(?:\.\d+)*)\b/.exec(n.text)?.[1] ?? null;
    // "How many working days before a review must the report be shared?", "is the C&F assessment 45 working days here": what a standard says, with no date to count from.
    const rule = when !== null && when.anchor === null && dates.length === 0 && /^(?:\S+ ){0,3}?how many (?:working |business |calendar )?(?:days|hours|weeks) (?:before|after|prior to|ahead of) (?:a|an|the|each|every)\b|\b(?:is|are) (?:the |a |an )?(?:\S+ ){1,4}?\d+ (?:working |business )?(?:days|hours|weeks)\b/.test(n.text);
    // ("broadcast to all SWs: please save statements … within 2 working days of download": a notice, not a sum.)
    const noticeFirst = sendsNoticeFirst(message);
    if (when && !rule && !noticeFirst) {
      u.intent = 'when';
      u.when = when;
      explanation.push(`grammar: "${when.amount} ${when.clock} ${when.direction}" is a working-time question`);
      if (when.anchor !== null) u.range = { from: when.anchor, to: when.anchor };
      return u;
    }
    if (/\bhow many (working |business )?(days|hours) (are there )?(between|until|till|before|from)\b/.test(n.text) && dates.length > 0) {
      u.intent = 'when';
      explanation.push('grammar: counting working time between dates');
      const d = dates[0];
      if (d) u.range = { from: iso(d.from), to: iso(d.to) };
      return u;
    }

    let classification = await this.classifier.classify(n.text);
    explanation.push(`classifier: ${classification.intent} (${classification.score.toFixed(2)})`);
    // A message that says other things too ("court on Wednesday, two visits Thursday - what else
    // have I got due this week?"): the question is read on its own as well, and its dates are the range.
    const span = questionSpan(message);
    const asked = span ? normalise(message.slice(span.start, span.end)) : n;
    if (span) {
      const alone = await this.classifier.classify(asked.text);
      explanation.push(`the question: "${asked.text}" → ${alone.intent} (${alone.score.toFixed(2)})`);
      const marked = span.question;
      const isQuestion = marked || /^(?:(?:hi|hey|hiya|morning|ok|okay|so|and|but|also|right|please|pls|just|then) )?(?:what|which|who|whose|when|how|is|are|has|have|do|did|does|can|could|any|anything|show|list|tell|give)\b/.test(asked.text);
      // The question, marked as one, is what is asked, however sure the reading of the whole was.
      if (isQuestion && alone.intent !== classification.intent && ((alone.score >= 0.8 && classification.score < 0.9) || (marked && alone.score >= 0.9))) classification = alone;
      // "Sorry phone's about to die - anything due over the next 10 days?": the question is surer of the same reading.
      else if (isQuestion && alone.intent === classification.intent && alone.score > classification.score) classification = alone;
      // "its gone 12 so its april now - eny helth asessments dew this munth": nothing is moved, whatever the whole sounded like.
      else if (isQuestion && classification.intent === 'reassign' && alone.score >= 0.8 && !/\b(?:move|moving|moved|reassign\w*|realloc\w*|transfer\w*|give|pass|go|goes|cover\w*|take|swap|hand|send|put|allocate|assign|redirect|switch|shift|pick|look after|to)\b/.test(n.text)) classification = alone;
    }
    const inQuestion = (d: DateMention) => !span || (n.tokens[n.tokenOfWord[d.firstWord]].start >= span.start && n.tokens[n.tokenOfWord[d.firstWord]].start < span.end);
    // "first day back is 4/1 — anything due that day?": a question pointing back takes the dates before it.
    // "cin reviews next month - have I got any?": a short question with "any" and no deadline word points back too;
    // "Monday 8th - what does the team have due?": so does a question after nothing but a date.
    const leadIsDate = span !== null && span.start > 0 && !/\b(?:overdue|late|behind|breach\w*|missed)\b/.test(asked.text) && dates.some((d) => n.tokens[n.tokenOfWord[d.lastWord]].start < span.start) && /^(?:(?:the|on|for|by|from|so|ok|right|and) )*$/.test(`${normalise(message.slice(0, span.start)).text.split(' ').filter((_, i) => !dates.some((d) => i >= d.firstWord && i <= d.lastWord)).join(' ')} `.trimStart());
    // ("lac reviews; next 14 days; whats coming": a bare question after what it is about.)
    const pointsBack = /\b(?:that day|that date|that week|then|them|those|these)\b/.test(asked.text) || (asked.text.split(' ').length <= 4 && /\b(?:it|that)\b/.test(asked.text)) || /^(?:so )?(?:what is|whats) (?:coming|coming up|due|on)$/.test(asked.text) || /^(?:(?:and|so|is there) )?anything else\b/.test(asked.text)
      || (asked.text.split(' ').length <= 4 && /\bany\b/.test(asked.text) && !/\b(?:due|overdue|late|deadlines?)\b/.test(asked.text)) || leadIsDate;
    // The nearest date before it: "court yesterday … something is due on 3rd March. What is it?"
    // "panel on the 12th, anything due before then": up to that day.
    // ("i'm back from leave on the 3rd. what's due between now and then": the same.)
    const nowAndThen = /\bbetween now and (?:then|that day|that date)\b/.test(asked.text);
    const upTo = nowAndThen || /\b(?:before|by|until|till|up to) (?:then|that day|that date)\b/.test(asked.text);
    const nowOnly = (d: DateMention) => nowAndThen && d.text === 'now';
    const questionDates = (dates.some((d) => inQuestion(d) && !nowOnly(d)) || !pointsBack) ? dates.filter(inQuestion) : dates.filter((d) => !inQuestion(d)).slice(-1).map((d) => (upTo ? { ...d, from: d.to, kind: 'day' as const, prefix: 'before' } : d));
    // "any visits due before half term? it starts 26 oct", "anything due between christmas and new year? like 29 to 31 dec":
    // the question names a time by name, the date after it says when.
    const namedTime = /\b(before|by|until|till|between|over|during|in)\b (?:the )?(?:half term|christmas|xmas|new year|easter|the holidays|holidays|school holidays|the break|break|shutdown|bank holiday|summer)\b/.exec(asked.text);
    const toldAfter = span && namedTime && questionDates.length === 0 ? dates.find((d) => n.tokens[n.tokenOfWord[d.firstWord]].start >= span.end) : undefined;
    if (toldAfter) questionDates.push(/^(?:before|by|until|till)$/.test(namedTime![1]) ? { ...toldAfter, to: toldAfter.from, kind: 'day' as const, prefix: 'before' } : toldAfter);
    const reading = readIntent({ message, n, asked, dates, caseName: u.case, standardRef, classified: classification, explanation });
    const intent = reading.intent;
    u.absence = reading.absence;
    u.statementRef = reading.statementRef;
    u.kind = reading.kind;
    u.standardRef = standardRef;
    u.intent = intent;
    if (intent === 'away' && u.absence === null) u.absence = 'record';
    // The range of a list or figures is what the question names; the rest of the message is context.
    const ranged = ['due', 'overdue', 'unopened', 'unassigned', 'stats'].includes(intent);
    // "my team's timescales this month - how are we looking": figures asked with no period take the one the message names.
    // ("how is Sam getting on? He's been struggling since the restructure in March": not a period said after the question ends.)
    const rangeDates = intent === 'stats' && questionDates.length === 0 ? dates.filter((d) => d.kind === 'period' && !(span?.question && n.tokens[n.tokenOfWord[d.firstWord]].start >= span.end)) : questionDates;
    this.fill(u, message, n, ranged ? rangeDates : dates, today, span ? { message: message.slice(span.start, span.end), n: asked } : null);
    return u;
  }

  /**
   * Reads a message as part of a flow already under way: the slots of `intent` (whose,
   * to whom, until when), whatever the message would mean on its own ("actually to Ali").
   * `u` is the message already parsed, so the classifier does not run twice.
   */
  slotsAs(u: Understanding, message: string, now: number, intent: 'reassign' | 'away'): Understanding {
    if (u.intent === intent) return u;
    const n = normalise(message);
    const today = this.localDay(now);
    const slots: Understanding = { ...u, intent, person: null, target: null, until: null, from: null, range: null };
    this.fill(slots, message, n, findDates(n.text, today), today);
    return slots;
  }

  /** Scope, range and the people and dates of each intent. */
  private fill(u: Understanding, message: string, n: Normalised, mentions: DateMention[], today: number, question: { message: string; n: Normalised } | null = null): void {
    // Whose work: asked in the question ("Is anything overdue for Patience Mwale? She's back on the 4th"),
    // or before it when the question points back ("supervision with Grace tomorrow … what she's got due").
    const whose = () => {
      if (!question) {
        const found = colleagueOf(message, n, mentions, u.case);
        // "Hope asked me to check whether she's got anything overdue": the person "she" points back to.
        if (found.person === null && found.team === null && /\b(?:she|he) (?:s|has|is|got)\b|\bof (?:his|hers|theirs)\b/.test(text) && /\b(?:asked|wants|wanted|needs) (?:me to|to know)\b/.test(text)) return { person: namedBefore(message, n, mentions, u.case), team: null };
        return found;
      }
      const inQuestion = colleagueOf(question.message, question.n, findDates(question.n.text, today), u.case);
      // "rose - anything overdue": the name the question is addressed to, before a dash or colon.
      const addressed = /^\s*\S+(?:\s\S+)?\s*[-:;–—]\s*$/.test(message.slice(0, message.indexOf(question.message)));
      // "KL has moved placement, when is her next visit due?": with a child named, "her visit" is the child's.
      const childsWork = u.case !== null && /\b(?:her|his|their) (?:next |last |first )?(?:visit|review|plan|pathway plan|pep|personal education plan|assessment|health assessment|placement|statement|conference|core group|iha|rha)s?\b/.test(question.n.text);
      const pointsBack = /\b(?:she|he|her|his|him|they|their|them)\b/.test(question.n.text) && !childsWork;
      // "Grace's visits are all in date i think, any overdue?": a question of three words or fewer is about who was just named.
      const short = question.n.text.split(' ').length <= 3;
      if (inQuestion.person !== null || inQuestion.team !== null || (!addressed && !pointsBack && !short)) return inQuestion;
      const before = colleagueOf(message, n, mentions, u.case);
      // "Rose has just rung in sick - what's she got due today", "asking for my student Ellie - what's she got due":
      // the person a pronoun points back to, named as the subject or by their role.
      if (before.person === null && before.team === null && pointsBack) return { person: namedBefore(message, n, mentions, u.case), team: null };
      return before;
    };
    const text = n.text;
    const words = text.split(' ');
    // The question is a sentence of its own: what comes before it is context ("I'm on placement with the CIN team. What have I got due?").
    const ownSentence = question !== null && (/[.!?…]\s*$/.test(message.slice(0, message.indexOf(question.message)))
      // "Has anything of mine gone overdue? I've been so busy with everyone else's": a question first, then what is not asked.
      || (message.indexOf(question.message) === 0 && /^[?!.…]/.test(message.slice(question.message.length).trimStart())));
    // "Monday morning - what's due this week", "Monday morning check - who's overdue": a day said
    // as a greeting names no range when another date follows, or when the question is what is late.
    const greetingDay = (d: DateMention, i: number) => i === 0 && (d.kind === 'day' || d.text === 'weekend') && d.firstWord <= 1 && (
      /^(?:check|catch|catchup|round|roundup|update|huddle)$/.test(words[d.lastWord + 1] ?? '')
      // "Monday morning queue check - has anything come in…": the day's round, not the range.
      || (/^(?:morning|afternoon|evening)$/.test(words[d.lastWord + 1] ?? '') && /^(?:queue|team|list|deadline|overdue|duty)? ?(?:check|catch|catchup|round|roundup|update|huddle)$/.test(words.slice(d.lastWord + 2, d.lastWord + 4).join(' ').replace(/ (?!check|catch|catchup|round|roundup|update|huddle)\S+$/, '')))
      || (/^(?:morning|afternoon|evening|again)$/.test(words[d.lastWord + 1] ?? '') && (mentions.length > 1 || ['overdue', 'unopened'].includes(u.intent))));
    // What is late cannot fall due later: "whats overdue, got court tmrw", "team overdue pls — Monday, forty things
    // to assign", "before I go on leave on Monday" — a day ahead, or a weekday said on its own, is the asker's week, not a range.
    // Nor can what came in or is still unopened: "unassigned statements before the long weekend?". "placement started 3 wks ago" is what happened.
    // "when's the IHA due for KP …": a question asking when a case's deadline falls.
    const asksWhen = (u.case !== null || u.kind !== null) && (/^(?:\S+ ){0,8}when\b/.test(text) || (question !== null && /^(?:\S+ ){0,3}when\b/.test(question.n.text)));
    const lateContext = (d: DateMention) =>
      (u.intent === 'overdue' && (d.from > today || / ago$/.test(d.text) || (d.kind === 'day' && /^(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(d.text))))
      || (['unassigned', 'unopened'].includes(u.intent) && d.from > today)
      // "while I was on the course yesterday": when the asker was away, not a range.
      || (u.intent === 'overdue' && /\b(?:while|when|whilst) (?:i|she|he|they) (?:was|were|m|am|have been|ve been)\b(?: \S+){0,5}$/.test(words.slice(Math.max(0, d.firstWord - 7), d.firstWord).join(' ')))
      // "I'm off from the 21st so need to know what's due between now and 18 December": the absence said beside the question.
      || (u.intent === 'due' && mentions.length > 1 && d.prefix === 'from' && /\b(?:off|away|leave|annual leave|off sick) from(?: the)?$/.test(words.slice(0, d.firstWord).join(' ')))
      // "I've got 20 minutes before my meeting": how long the asker has, not a day.
      || (['overdue', 'unassigned', 'unopened'].includes(u.intent) && (/\b(?:minutes?|mins?|hours?|hrs?)\b/.test(d.text) || (d.minutes !== null && d.from === today && !/\b(?:today|tonight|this)\b/.test(d.text))))
      // "when's the IHA due for KP, she came into care on the 3rd", "opened it 10 days ago": what happened, not when it is due.
      || (u.intent === 'due' && asksWhen && (d.from < today || / ago$/.test(d.text)
        || /\b(?:came|come|started|began|was|were|opened|happened|moved|placed|granted|held|became|went|did|done|visited|saw|seen|i think|i thought|i believe|i reckon|not sure)(?: \S+){0,6}$/.test(words.slice(Math.max(0, d.firstWord - 8), d.firstWord).join(' '))));
    // "how many statements received in October, sorry I mean last month": what is said after the correction.
    const correction = /\b(?:sorry )?i (?:mean|meant)\b|\bno wait\b|\bcorrection\b/.exec(text);
    const corrected = correction ? wordIndexOf(text, correction.index) : -1;
    const afterCorrection = (d: DateMention) => corrected < 0 || d.firstWord > corrected || !mentions.some((m) => m.firstWord > corrected);
    const dates = mentions.filter((d, i) => !greetingDay(d, i) && !lateContext(d) && afterCorrection(d));
    const first = dates[0];
    const span = (d: DateMention | undefined) => (d ? { from: iso(d.from), to: iso(d.to) } : null);
    // "before she turns 18 on the 20th", "before the Christmas shutdown on the 23rd": what is due up to that day.
    // ("before he goes on leave Friday": the same.)
    const beforeWhatOn = (d: DateMention) => (d.prefix === 'on' || d.prefix === null) && /\b(?:due|got|have|has|deadlines?|do|done|doing|need|needs|require|requires|attention)\b.*\b(?:before|until|till|by close of business|by end of play|by cob) (?!(?:\S+ )*(?:what|which|due|any|anything)\b)(?:\S+ ){0,7}\S+$/.test(words.slice(Math.max(0, d.firstWord - 12), d.firstWord).join(' ')) && !/\b(?:before|until|till)$/.test(words.slice(0, d.firstWord).join(' '));
    const uptoOrSpan = (d: DateMention | undefined) =>
      d && d.kind === 'day' && (d.prefix === 'by' || d.prefix === 'before' || d.prefix === 'until' || beforeWhatOn(d))
        ? { from: iso(Math.min(today, d.to)), to: iso(d.to) }
        : span(d);
    switch (u.intent) {
      case 'due':
      case 'overdue':
      case 'unopened': {
        // "I'm Helen Marsh's PA. She'd like to see what's due across the whole service": the whole service, whoever asks for it.
        // (A name typed after "for" or "of" still narrows it: "due across the service for Sam".)
        const serviceWide = ALL_WORDS.test(question ? question.n.text : text) && !/\b(?:for|of) (?!The\b|All\b|Every\b|Each\b)\p{Lu}\p{Ll}+\b/u.test(question ? question.message : message);
        // "What's gone out of timescale for April?": late work is asked of no month, so April, typed as a name, is someone.
        const monthNamed = u.intent === 'overdue' && !serviceWide ? mentions.find((d) => d.prefix === 'for' && /^(?:for )?(?:april|may|june)$/.test(d.text) && /^\p{Lu}/u.test(n.tokens[n.tokenOfWord[d.lastWord]]?.original ?? '')) : undefined;
        const colleague = serviceWide ? { person: null, team: null } : monthNamed ? { person: n.tokens[n.tokenOfWord[monthNamed.lastWord]].original, team: null } : whose();
        if (colleague.person !== null || (colleague.team !== null && u.intent !== 'unopened')) {
          u.intent = u.intent === 'overdue' ? 'team-overdue' : 'team-due';
          u.scope = 'team';
          u.person = colleague.person;
          u.explanation.push(colleague.person !== null ? `asks about ${colleague.person}'s work → ${u.intent}` : `"${colleague.team}" is a team → ${u.intent}`);
          u.range = u.intent === 'team-due' ? uptoOrSpan(first) : null;
          return;
        }
        if (u.intent === 'unopened') {
          u.range = span(first);
          return;
        }
        // The team the question names; a team in a sentence before it ("I'm on placement with the CIN team. What have I got due?")
        // is not asked about, though one said before a comma or dash is ("whole service - which assessments are late").
        const asked = question && ownSentence && !/\b(?:they|them|their)\b/.test(question.n.text) ? question.n.text : text;
        const all = ALL_WORDS.test(asked);
        // ("what's due tomorrow, not that anyone's working lol": nobody is asked about.)
        // ("hi heard its Nadia from the CiC team … what reviews I've got due": the team the asker says they are from.)
        const team = all || (TEAM_WORDS.test(asked.replace(/\bnot that (?:anyone|anybody|everyone|everybody)\b|\b(?:it s|its|it is|this is|i m|i am) \S+(?: \S+)? (?:from|in|on) (?:the )?(?:\S+ ){1,4}team\b/g, '')) && !/\bmy (own )?(statements|list|deadlines|visits|reviews|cases|assessments|plans|conferences|work|caseload)\b|\bfor me\b|\bnot (?:for )?(?:the |my )?team\b|\bforget (?:about )?the team\b|\bpersonally\b|\bmyself\b|\bjust (?:me|mine)\b/.test(asked));
        if (team) {
          u.intent = u.intent === 'due' ? 'team-due' : 'team-overdue';
          u.scope = all ? 'all' : 'team';
          u.explanation.push(`"${(ALL_WORDS.exec(asked) ?? TEAM_WORDS.exec(asked))?.[0]}" → ${u.intent}, scope ${u.scope}`);
        }
        u.range = uptoOrSpan(first);
        return;
      }
      case 'unassigned':
        u.scope = 'all';
        u.range = span(first);
        return;
      case 'stats': {
        const colleague = whose();
        u.person = colleague.person;
        // "I'm writing the report for the board. How many statements did we receive last month?": the question's scope.
        // ("Can you give me the overall picture?": the asker is who it is shown to, not what it is about.)
        const scopeText = (question && ownSentence ? question.n.text : text).replace(/\b(?:i need|i want|i would like|i d like|can i have|could i have|can i get|could i get|i m after|i am after|(?:give|show|tell|send|get) me)\b/g, '');
        // "our on-time rate" is the service's, as "how are we doing" is; "our team" is the team's.
        u.scope = u.person !== null || colleague.team !== null ? 'team' : ALL_WORDS.test(scopeText) ? 'all' : /\bteam\b|\bmy teams\b|\bmy (?:iros|chairs|workers|staff|lot|sws|social workers|practitioners|students|reports)\b/.test(scopeText) ? 'team' : /\b(my|me|i|mine)\b/.test(scopeText) ? 'me' : 'all';
        u.range = span(first);
        return;
      }
      case 'reassign':
        this.fillReassign(u, message, n, dates, today);
        return;
      case 'away':
        if (u.absence === 'who') {
          u.scope = ALL_WORDS.test(text) ? 'all' : 'team';
          // The question's own words first ("can you check this: is Frank away?"), else the message's.
          const [m, mn] = question && (AWAY_QUESTION.test(question.n.text) || AWAY_ASKED_BARE.test(question.n.text)) ? [question.message, question.n] : [message, n];
          const asked = AWAY_QUESTION.exec(mn.text) ?? AWAY_ASKED_BARE.exec(mn.text);
          const name = asked ? nameFrom(m, mn, mn.text.split(' '), wordIndexOf(mn.text, asked.index + asked[0].indexOf(asked[1])), dateWords(mn === n ? dates : findDates(mn.text, today))) : null;
          if (name) u.person = name.text;
          // "who's covering for Kwame": the person covered.
          const covered = !name ? /^(?:\S+ )?who (?:is|s) (?:covering|cover) (?:for )?(\S+)/.exec(mn.text) : null;
          const coveredName = covered ? nameFrom(m, mn, mn.text.split(' '), wordIndexOf(mn.text, covered.index + covered[0].length - covered[1].length), dateWords(dates)) : null;
          if (coveredName) u.person = coveredName.text;
          // "Will's not picking up, is he on a/l?": the person the pronoun points back to.
          else if (!name && /\b(?:he|she|they)\b/.test(text)) u.person = colleagueOf(message, n, dates, u.case).person ?? namedBefore(message, n, dates, u.case);
        }
        else if (u.absence === 'record' || u.absence === 'cancel') this.fillAway(u, message, n, dates, today);
        return;
      case 'broadcast':
        this.fillBroadcast(u, message, n);
        return;
      case 'when':
        // "is 28 December a working day": the day asked about.
        if (u.range === null && first && first.kind === 'day') u.range = span(first);
        return;
      default:
        return;
    }
  }

  private fillReassign(u: Understanding, message: string, n: Normalised, mentions: DateMention[], today: number): void {
    const dates = mentions.map((d) => monthAhead(d, today));
    const words = n.text.split(' ');
    const isDate = dateWords(dates);
    // A child's initials are the case moved, never whose or to whom ("the statements for KT from Grace to Hope").
    const nameAt = (i: number) => notCase(nameFrom(message, n, words, i, isDate), u.case);
    // "the statement for C-903377 went to Faith by mistake, please move it to Joy": whose, and where it goes now.
    const wrongly = /\b(?:went|gone|go|sent|assigned|allocated|came|come|arrived) to (\S+(?: \S+)?) (?:by mistake|in error|wrongly|by accident|accidentally|instead(?! of))\b/.exec(n.text);
    const movedIt = /\b(?:move|reassign|transfer|pass|give|send|put)\b (?:it|this|that|this one|that one|them|these|those)(?: back| over)? (?:to|onto) (\S+)/.exec(n.text);
    if (movedIt) u.target = movedIt[1] === 'me' ? 'me' : nameAt(wordIndexOf(n.text, movedIt.index + movedIt[0].length - movedIt[1].length))?.text ?? null;
    // "give me Sam's statements while he's off": to the asker.
    if (!u.target && GIVE_ME_SOMEONES.test(n.text)) u.target = 'me';
    if (wrongly) u.person = personIn(wrongly, n.text, nameAt, u.target);
    // "Everything assigned to Rose Finch needs to go to Frank Hale": whose, by who it is assigned to.
    // ("reassign all statements currently allocated to Mr Okafor to Ms Reid": the same.)
    const assignedTo = /\b(?:assigned|allocated) to (\S+(?: \S+)?) (?:needs?|should|can|must|will|to go|go|to)\b/.exec(n.text);
    if (assignedTo && !u.person) u.person = personIn(assignedTo, n.text, nameAt, u.target);
    // "the 6 statements held by Jade Kaur": who holds them now.
    const heldBy = /\b(?:held|holding|sitting) (?:by|with) (\S+(?: \S+)?)/.exec(n.text);
    if (heldBy && !u.person) u.person = personIn(heldBy, n.text, nameAt);
    // "can Ali take Sam's …", "could Priya cover Jo's statements", "make sure Jo picks up Hana's stuff"
    const canTake = /\b(?:can|could|will|make sure|ask|get|let) (\S+(?: \S+)?) (?:to )?(?:take|takes|have|pick up|picks up|cover|covers|look after|looks after)\b/.exec(n.text)
      ?? /^(\S+(?: \S+)?) (?:to|will|should|can) (?:take over|take|pick up|cover|have|look after)\b/.exec(n.text)
      ?? /\b(?:covered|picked up|taken over|looked after) by (\S+(?: \S+)?)/.exec(n.text);
    if (canTake) {
      const name = nameAt(wordIndexOf(n.text, canTake.index + canTake[0].indexOf(canTake[1])));
      if (name) u.target = name.text;
    }
    // "please move my statements to Frank Lowe": where the moving says they go, before any other "to" ("asked me to tidy up").
    const moved = MOVING.exec(n.text);
    if (!u.target && moved && /(?:to|onto|on|with) \S+$/.test(moved[0])) {
      const at = wordIndexOf(n.text, moved.index + moved[0].length);
      const name = words[at] === 'me' ? { text: 'me', last: at } : nameAt(at + roleWordsAt(words, at));
      if (name) u.target = name.text;
    }
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      // ("allocated to Mr Okafor to Ms Reid": the first "to" says whose they are.)
      if (!u.target && (w === 'to' || w === 'onto' || (w === 'with' && i > 0)) && !isDate(i + 1) && !(assignedTo && /^(?:assigned|allocated)$/.test(words[i - 1] ?? ''))) {
        // "to my colleague Mark Chen", "to his line manager, Grace Obi": the person after their role.
        const role = roleWordsAt(words, i + 1);
        const at = i + 1 + role;
        const name = words[at] === 'me' ? { text: 'me', last: at } : nameAt(at);
        if (name) u.target = name.text;
        // "to his team manager", "to the duty team": whoever that is, as written.
        else if (role > 0) u.target = wordsAsTyped(message, n, i + 1, at - 1);
        else {
          const team = /^(?:the )?(?:[a-z]+ ){0,2}team\b/.exec(words.slice(i + 1, i + 5).join(' '));
          if (team) u.target = wordsAsTyped(message, n, i + 1, i + team[0].split(' ').length);
        }
      }
      if (!u.person && words[i + 1] === "'s" && !isDate(i)) {
        const start = nameStart(words, i, isDate, punctuatedAfter(message, n));
        if (start !== null) {
          const name = nameAt(start);
          if (name && name.last === i) u.person = name.text;
        }
      }
      // ("off long term sick" names nobody.)
      // ("Forwarded from Steph: …" is who sent it.)
      if (!u.person && (w === 'of' || (w === 'from' && i > 0 && !/^(?:forwarded|fwd|fw|message|email|text|request|note|call)$/.test(words[i - 1] ?? '') && !/^(?:the )?\S+ (?:team|service|unit|pod|hub)\b/.test(words.slice(i + 1, i + 4).join(' '))) || w === 'for' || (w === 'off' && !/^(?:long|short|sick|work)$/.test(words[i + 1] ?? ''))) && !isDate(i + 1)) {
        // "from the leaver Rhys Morgan": the person after their role.
        const name = nameAt(i + 1 + roleWordsAt(words, i + 1));
        if (name && name.text !== u.target) u.person = name.text;
      }
    }
    // "summer -> jade until fri": whose work, before the arrow.
    const arrow = /^\s*(\S+(?:\s\S+)?)(?:['’]s)?(?:\s+(?:statements|stmts|momos|cases|work|stuff))?\s*(?:->|→)/.exec(message);
    if (!u.person && arrow) {
      const name = nameAt(0);
      if (name && name.text !== u.target) u.person = name.text;
    }
    // "reassign everything Femi has to Joanne"
    const holder = /\b(?:everything|all|anything|whatever|what) (\S+(?: \S+)?) (?:has|s got|has got|holds|is holding|is working on)\b/.exec(n.text);
    if (!u.person && holder) {
      const name = nameAt(wordIndexOf(n.text, holder.index + holder[0].indexOf(holder[1])));
      if (name && name.text !== u.target) u.person = name.text;
    }
    // "Kate Morris has left - please move all her statements to Andy": whose, by who the message is about.
    const theirWork = /\b(?:his|her|their) (?:open |new |remaining |current |outstanding )?(?:statements|cases|work|stuff|caseload|ones|momos)\b/.test(n.text);
    const aboutSomeone = theirWork
      ? /(?:^|\s)(\S+(?: \S+)?) (?:is|s|'s|has|was) (?:off|on|away|out|leaving|left|gone|going|moving|moved|changed|transferred|resigned|retired|absent|sick|not)\b/.exec(n.text)
        ?? /^(\S+(?: \S+)?) (?:off sick|off|away|on leave|on annual leave|sick|leaving|left)\b/.exec(n.text)
        ?? /(?:^|\s)(\S+(?: \S+)?) (?:has |s |'s |is |just |has just )?(?:started|starting|begun|gone on|went on|rang|rung|called|phoned|resigned|resigning|retired|retiring|quit|handed in|leaves|finishes|finishing)\b/.exec(n.text) : null;
    if (!u.person) u.person = personIn(aboutSomeone, n.text, nameAt, u.target);
    // "Summer Hughes has had a family emergency … can all of her statements go to Rose": whoever "her" points back to.
    const pronounWork = theirWork || /\beverything (?:she|he|they) (?:has|had|holds|has got)\b|\b(?:everything|all|anything) of (?:hers|his|theirs)\b/.test(n.text);
    if (!u.person && pronounWork) {
      const before = namedBefore(message, n, dates, u.case);
      if (before !== null && before !== u.target) u.person = before;
    }
    // "reassign Sam to Priya"
    const verbThenName = /\b(?:move|reassign|transfer|switch|redirect|shift) (\S+)/.exec(n.text);
    if (!u.person && verbThenName && !['my', 'all', 'the', 'them', 'these', 'those', 'statements', 'it', 'everything', 'some'].includes(verbThenName[1])) {
      const name = nameAt(wordIndexOf(n.text, verbThenName.index + verbThenName[0].length - verbThenName[1].length));
      if (name && name.text !== u.target) u.person = name.text;
    }
    // "can you move my statements for TB to Grace Lee?": the asker's own, whoever else the message names.
    if (moved && /^\S+ (?:(?:all )?(?:of )?my)\b/.test(moved[0])) u.person = null;
    if (/\bfrom me\b/.test(n.text)) u.person = null;
    // "move the statements I was covering back to Helen": the asker's, held while covering.
    const heldForSomeone = /\b(?:i was|i am|i have been|i ve been|i m) (?:covering|holding|looking after)\b/.test(n.text) || wrongly?.[1] === 'me';
    if (heldForSomeone) u.person = null;
    // "Forwarded from Jo Maxwell: 'please can you move my statements to Callum'": "my" is the sender's.
    const forwarder = /^\s*(?:[Ff][Ww][Dd]?|[Ff]orwarded)(?: from)?:?\s+(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?)\s*(?:\([^)]*\))?\s*[:\-–—]/u.exec(message);
    if (!u.person && forwarder && isAboutOwnWork(n.text) && u.target !== forwarder[1]) u.person = forwarder[1];
    const self = !u.person && (isAboutOwnWork(n.text) || /\bfrom me\b/.test(n.text) || heldForSomeone);
    u.scope = self || (!u.person && !u.target) ? 'me' : 'team';
    if (self) u.person = null;
    // ("fit note now runs to 3 April … can her statements go to me until then": the date named before.)
    // ("Ali's at a conference all next week … move Ali's statements to Hana from Monday to Wednesday": the move's own dates.)
    // ("… to Nadia for now please and I'll sort the cases out properly next week": a move with no end; the week is something else.)
    // ("Marcus is leaving at the end of the month, can his statements go to Zainab from the 1st": a start, and no end.)
    const forNow = /\b(?:for now|for the time being)\b/.test(n.text) || dates.some((d) => d.prefix === 'from' && d.kind === 'day');
    const until = dates.find((d) => d.prefix === 'until' || d.prefix === 'back' || d.prefix === 'by') ?? (forNow ? undefined : dates.find((d) => d.kind === 'period' && d.prefix === 'from') ?? dates.find((d) => d.kind === 'period'))
      ?? (/\b(?:until|till|til) then\b/.test(n.text) ? dates.filter((d) => d.kind === 'day').slice(-1)[0] : undefined);
    // "can my statements go to grace while im off tmrw", "for today": that day only.
    // "move her statements to Jade from Monday, no end date", "from then": a start and no end (no range, no until).
    // ("Marek leaves on the 18th, move all his statements to Grace": from the day they leave.)
    const startOnly = dates.some((d) => d.prefix === 'from' || d.prefix === 'starting' || (d.prefix === 'of' && words[d.firstWord - 2] === 'as') || /\b(?:leaves|leaving|finishes|finishing|last day (?:was|is|will be))(?: \S+){0,2}$/.test(words.slice(Math.max(0, d.firstWord - 4), d.firstWord).join(' '))) || /\b(?:from then|from that day|from that date|no end date|permanently|for good|open ended|indefinitely|until further notice|for now|for the time being|do not know for how long|don t know for how long|not know how long)\b/.test(n.text);
    const oneDay = until || startOnly ? undefined : dates.find((d) => d.kind === 'day' && d.prefix !== 'from' && d.prefix !== 'after' && d.prefix !== 'since');
    if (oneDay) {
      u.until = iso(oneDay.to);
      u.untilReading = 'last-day';
      u.range = { from: iso(oneDay.from), to: iso(oneDay.to) };
    }
    if (until) {
      const end = until.prefix === 'back' ? backOn(until, today) - 1 : untilDay(until, today);
      u.until = iso(end);
      u.untilReading = readingOf(until, n.text);
      // "from Monday 20th … until Friday 1st May": from the day named.
      const start = dates.find((d) => d !== until && (d.prefix === 'from' || d.prefix === 'starting') && d.from <= end);
      u.range = { from: iso(start ? start.from : until.kind === 'period' && until.prefix !== 'until' ? until.from : Math.min(today, end)), to: iso(end) };
    }
    u.explanation.push(`whose: ${u.person ?? (self ? 'the asker' : 'not said')}; to: ${u.target ?? 'not said'}; until: ${u.until ?? 'not said'}`);
  }

  /** Who a notice is for and what it says: "send a notice to the Riverside team: office closed on Friday". */
  private fillBroadcast(u: Understanding, message: string, n: Normalised): void {
    // Who, from the words as typed (a team's name may have shorthand the normaliser would expand).
    const typed = (/^[^:]*/.exec(message)?.[0] ?? message).toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').replace(/\s+/g, ' ').trim();
    const words = `${typed} ${n.text}`;
    const everyone = /\b(everyone|everybody|all staff|the whole service|all of the service|the service|every team|all teams)\b/.exec(words);
    const role = /\ball (the )?(managers|team managers|workers|social workers|staff|participation( team)?|heads of service|duty managers|complaints officers?)\b|\bthe (participation team|managers|duty managers|complaints officers?|heads? of service)\b/.exec(words);
    const team = /\b(?:to|tell|message|notify|inform|let) (?:the |all of the |everyone in the |everybody in the )?((?:[\p{L}\p{N}][\p{L}\p{N}-]* ){1,5}?)team\b/u.exec(typed);
    u.audience = everyone ? 'everyone' : role ? role[0] : team && !/^(my |our |whole )/.test(team[1]) ? `${team[1].trim()} team` : /\b(my|our) team\b/.test(words) ? 'my team' : null;
    // The message: after a colon or dash, or "saying"/"that" — as typed, not normalised.
    const said = /(?::|\s[-–—]\s|\bsaying\b|\bthat\b)\s*(.+)$/is.exec(message);
    const notice = said?.[1]?.trim() ?? null;
    u.notice = notice && notice.length > 0 ? notice : null;
    // What the officer asks is theirs to send, whoever receives it (README of the labelled sets).
    u.scope = 'me';
    u.explanation.push(`to: ${u.audience ?? 'not said'}; message: ${u.notice === null ? 'not said' : `${u.notice.length} characters`}`);
  }

  private fillAway(u: Understanding, message: string, n: Normalised, mentions: DateMention[], today: number): void {
    const dates = mentions.map((d) => monthAhead(d, today));
    const text = n.text;
    const words = text.split(' ');
    const isDate = dateWords(dates);
    const nameAt = (i: number) => nameFrom(message, n, words, i, isDate);
    const startOf = capitalisedNameStart(message, n, words);
    // The cover: "Ali is covering", "cover is Ali", "covered by Ali", "with Ali covering".
    const coverBefore = /(?:^|\s)(\S+(?: \S+)?) (?:is |will be |to be |can |has |s |'s )?(?:covering|covers|cover for|will cover|can cover|could cover|to cover|is going to cover|will pick up|can pick up|could pick up|is picking up|picks up|will look after|is looking after|will take over|is taking over|is acting up|will be acting up|acting up|picking up|is picking up|will be picking up|will deputise|is deputising|deputising|will deputize)\b/.exec(text);
    // (Not a place: "tariq will cover eastfield" is Tariq covering.)
    const coverAfter = /\b(?:cover(?:ed)?|covering)(?: is| will be| by| from| being| it s| is going to be)? (?!\S*(?:side|field|fields|gate|bridge|hill)\b)(\S+)/.exec(text);
    // "put me down as cover": the asker covers.
    const meCovering = /\b(?:put|have|mark|book) me (?:down )?(?:as|for) (?:the |their |his |her )?cover\b|\bi (?:will|ll|can|am going to|m going to|am) cover(?:ing)?\b/.test(text);
    // "please put Rose down as cover", "Frank has my cover".
    const coverIs = /\bput (\S+(?: \S+)?) (?:down )?(?:as|for) (?:the |my )?cover\b/.exec(text)
      // "Ivy has my families"
      ?? /(?:^|\s)(\S+(?: \S+)?) (?:has|has got|s got|'s got|will have|is having|is doing|s doing|'s doing|will do|is taking|s taking|'s taking) (?:all )?(?:my|our|her|his|their) (?:families|cases|kids|children|caseload|work|statements|stuff|lot|duty|duties|duty day|visits|diary)\b/.exec(text)
      // "have Rose cover me"
      ?? /\b(?:have|get|ask|let) (\S+(?: \S+)?) (?:to )?cover\b/.exec(text)
      ?? /(?:^|\s)(\S+(?: \S+)?) (?:is|will be|s|has|has got|s got) (?:my |the |our )?cover\b/.exec(text)
      ?? /(?:^|\s)(\S+) (?:has |have |is |s )?(?:kindly |very kindly )?(?:agreed|offered|volunteered|said (?:she|he|they) would|said (?:she|he|they) will|is going|will) to (?:cover|keep an eye|look after|pick up|hold)\b/.exec(text)
      ?? /(?:^|\s)(\S+) (?:will|is going to|(?:has |s )?said (?:she|he|they) (?:would|will|d|ll)|can|has agreed to) keep an eye\b/.exec(text)
      ?? /\b(?:can|could|will) (\S+(?: \S+)?) (?:cover|pick up|look after|keep an eye|hold the fort)\b/.exec(text)
      // "Can you make sure nudges go to Rach"
      ?? /\b(?:nudges|reminders|alerts|notifications|cards|my statements|statements|everything) (?:go|goes|to go|going|are sent|get sent|should go|sent) to (\S+(?: \S+)?)/.exec(text)
      // "Ahmed can pick anything up", "Cover will be provided by Gemma Lawson", "Jess please cover", "Cover: Priya"
      ?? (/\bcover\s*:\s*\p{L}/iu.test(message) ? /\bcover (\S+(?: \S+)?)/.exec(text) : null)
      ?? /(?:^|\s)(\S+) (?:please|pls|can you|could you) cover\b/.exec(text)
      ?? /(?:^|\s)(\S+) (?:can|will|could) pick (?:anything|it|things|stuff|them|everything) up\b/.exec(text)
      ?? /\bcover (?:will be |is |is being |to be )?(?:provided|given|done|arranged|held) by (\S+(?: \S+)?)/.exec(text)
      // "Mared has said she'll cover"
      ?? /(?:^|\s)(\S+) (?:has |s )?said (?:she|he|they) (?:will|would|ll|d|can|could) (?:cover|keep an eye|look after|pick up|hold)\b/.exec(text);
    u.target = (meCovering ? 'me' : null)
      ?? personIn(coverIs, text, nameAt, null, startOf)
      ?? (coverAfter?.[1] === 'me' && /\b(?:is|will be|by|being) me$/.test(coverAfter[0]) ? 'me' : coverAfter && !punctuatedAfter(message, n)(wordIndexOf(text, coverAfter.index + coverAfter[0].length - coverAfter[1].length) - 1) ? nameAt(wordIndexOf(text, coverAfter.index + coverAfter[0].length - coverAfter[1].length))?.text ?? null : null)
      ?? personIn(coverBefore, text, nameAt, null, startOf);
    // "no cover needed"
    // "cover is her TM": whoever that is, as written.
    const roleCover = /\bcover(?:ed)?(?: is| will be| by)? ((?:her|his|their|my) (?:team manager|tm|manager|line manager|senior|deputy|deputy manager|supervisor|practice manager))\b/.exec(text);
    if (!u.target && roleCover) {
      const at = wordIndexOf(text, roleCover.index + roleCover[0].length - roleCover[1].length);
      u.target = wordsAsTyped(message, n, at, at + roleCover[1].split(' ').length - 1);
    }
    if (/\bno cover\b/.test(text)) u.target = null;
    // Whose absence: the asker unless a name is its subject (the first pattern that names someone: "sick, she is off" names nobody).
    const subjects = [
      /(?:^|\s)(\S+(?: \S+)?) (?:is|s|'s|will be|has been|has|was) (?:off|away|on|out|sick|absent|going|gone|taking|not in|unwell|ill|booked)\b/,
      /(?:^|\s)(\S+(?: \S+)?) (?:has |s |'s |just |has just )?(?:rang|rung|called|phoned) in sick\b/,
      /(?:^|\s)(\S+(?: \S+)?) (?:has |s |'s |is |just |has just )?(?:started|starting|starts|begun|beginning|going on|gone on|went on) (?:her |his |their )?(?:(?:maternity|mat|paternity|adoption|annual|sick|parental|long term) )?(?:leave|secondment)\b/,
      /(?:^|\s)(\S+(?: \S+)?) (?:is |s |'s |will be )?(?:in court|at court|at (?:a |an )?(?:conference|course)|on (?:a |an )?(?:course|secondment)|on training|in training)\b/,
      /^(\S+(?: \S+)?) (?:off|away|sick|on annual leave|annual leave|on leave|absent|out)\b/,
    ];
    const booked = /\bput \S+(?: \S+)? (?:down )?(?:as|for) (?:the |my )?cover\b/.test(text) ? null : /\b(?:book|log|record|mark|put|set|add) (\S+(?: \S+)?) (?:as |off|on|away|out|sick|absent|down)/.exec(text);
    const possessive = /(?:^|\s)(\S+) (?:s|'s) (?:annual leave|leave|absence|sickness|holiday|time off)\b/.exec(text)
      // "please add a/l for Tom Reid, Thursday to Monday"
      ?? /\b(?:annual leave|leave|absence|sickness|sick leave|holiday|time off|training) for (\S+(?: \S+)?)/.exec(text);
    u.person = subjects.reduce<string | null>((found, pattern) => found ?? personIn(pattern.exec(text), text, nameAt, u.target), null) ?? personIn(booked, text, nameAt, u.target) ?? personIn(possessive, text, nameAt, u.target, startOf);
    // "just got a text from Grace - covid. can you record her as off sick": the person "her" points back to.
    if (u.person === null && booked && /^(?:her|him|them)$/.test(booked[1].split(' ')[0])) u.person = namedBefore(message, n, dates, u.case);
    // "Marcus asked me to let you know he's off sick today": the one who asked.
    const askedToSay = /^(\S+(?: \S+)?) (?:has )?(?:asked|wanted|wants) me to (?:let you know|tell you|say|log|record|put in|book)\b.*\b(?:she|he|they) (?:is|s|will be|has|ll be|are)\b/.exec(text);
    if (u.person === null && askedToSay) u.person = personIn(askedToSay, text, nameAt, u.target);
    u.scope = u.person ? 'team' : 'me';
    const fromMention = dates.find((d) => d.prefix === 'from' || d.prefix === 'after' || d.prefix === 'since');
    const untilMention = dates.find((d) => d.prefix === 'until' || d.prefix === 'back' || d.prefix === 'to') ?? dates.find((d) => d !== fromMention && (d.kind === 'period' || d.prefix !== 'from'));
    if (fromMention && fromMention.kind === 'period') {
      u.from = iso(fromMention.from);
      u.until = iso(fromMention.to);
      u.untilReading = 'last-day';
    } else {
      if (fromMention) u.from = iso(fromMention.from);
      if (untilMention && untilMention !== fromMention) {
        const end = untilMention.prefix === 'back' ? backOn(untilMention, today) - 1 : untilDay(untilMention, today);
        u.until = iso(end);
        u.untilReading = readingOf(untilMention, text);
        // "until Friday", "back Monday": from today; "next week", "on Friday": that period or day.
        const startsToday = untilMention.prefix === 'until' || (untilMention.kind === 'day' && (untilMention.prefix === 'back' || untilMention.prefix === 'to'));
        if (!u.from) u.from = iso(startsToday ? today : untilMention.from);
      }
    }
    if (u.until && u.from) u.range = { from: u.from, to: u.until };
    u.explanation.push(`who: ${u.person ?? 'the asker'}; cover: ${u.target ?? 'not said'}; from ${u.from ?? 'not said'} until ${u.until ?? 'not said'}`);
  }
}

/** Words that name a day or period: a part of a message with one may say when the question is about. */
const DATE_WORD = /\b(?:today|tonight|tomorrow|yesterday|week|weeks|weekend|fortnight|month|months|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|\d\S*)\b/;

/** Words that ask something of Heard: a part of a message with none of them is context. */
const ASKS = /\b(?:due|overdue|late|deadlines?|breach\w*|coming up|upcoming|what|whats|anything|any|show|list|how|which|who|whose|when|is there|are there|have i|do i|did i|rate|stats|figures|unopened|opened|queue|unassigned)\b/;

/**
 * Where the question is when a message says other things too ("court on Wednesday, two
 * visits Thursday. Could you tell me what else I have due this week?"): the last sentence
 * that asks a question (ends with "?"), else the last that asks something; from its first
 * part (between commas and dashes) that asks something; with a few words after it that ask
 * nothing ("how am I doing with my pathway plans? last month"). Null when that is the whole
 * message.
 */
function questionSpan(message: string): { start: number; end: number; question: boolean } | null {
  const sentences: { start: number; end: number; question: boolean }[] = [];
  let start = 0;
  for (const stop of message.matchAll(/[.!?…]+(?=\s|$)/g)) {
    sentences.push({ start, end: stop.index, question: stop[0].includes('?') });
    start = stop.index + stop[0].length;
  }
  if (message.slice(start).trim() !== '') sentences.push({ start, end: message.length, question: false });
  // "sorry for the late msg", "up late prepping": lateness that asks nothing.
  // "is Joy away? her statements aren't being opened": asking after someone's absence asks too.
  const asks = (from: number, to: number) => {
    const text = normalise(message.slice(from, to)).text;
    return AWAY_QUESTION.test(text) || ASKS.test(text.replace(/\b(?:the |a |my )?late (?:msg|message|reply|response|night|notice)\b|\b(?:running|up|stayed|staying|working|sat up) late\b|\b(?:message|msg|messaging|texting|writing|asking) (?:you )?(?:so |this |very )late\b|\b(?:a bit |too |rather |very )late to ask\b|\bexpect (?:\S+ ){1,3}to be late\b/g, ''));
  };
  const asking = sentences.filter((x) => asks(x.start, x.end));
  const chosen = [...asking].reverse().find((x) => x.question) ?? asking[asking.length - 1];
  if (!chosen) return null;
  // Its first part that asks something: "5pm friday and im desperate to log off — is anything of mine due?"
  let from = chosen.start;
  // Parts: between commas and dashes, and before "so" that leads to the question ("bank hol monday so whats due tuesday").
  for (const cut of message.slice(chosen.start, chosen.end).matchAll(/[,;]+(?=\s)|(?<=\bcheck this(?: for \S+)?(?: is done)?):(?=\s)|\s[-–—]+\s|\sso(?=\s+(?:what|whats|what's|wot|anything|any|is|are|have|has|do|does|can|could|just|need|tell|show|pls|please)\b)/gi)) {
    if (asks(from, chosen.start + cut.index)) break;
    from = chosen.start + cut.index + cut[0].length;
  }
  // "Writing the agenda for Monday's team meeting and want to flag anything coming up - what visits are due for my team
  // next week?", "I've got a CIN review on Tuesday, … so trying to work out what else to squeeze in - what's due for me
  // this week?": a question asked last, after the asker says what they are doing, is the question.
  if (chosen.question) {
    let last: number | null = null;
    for (const cut of message.slice(from, chosen.end).matchAll(/\s[-–—]+\s/g)) {
      const at = from + (cut.index ?? 0) + cut[0].length;
      const part = normalise(message.slice(at, chosen.end)).text;
      if (/^(?:(?:so|and|but|ok|right) )?(?:what|whats|what s|which|is there|are there|have i|do i|can you|could you|any|anything)\b/.test(part) && /\b(?:due|overdue|late|deadlines?|coming up)\b/.test(part)) last = at;
    }
    if (last !== null && /\b(?:i ve got|i have got|i have|i m|i am|writing|want to|trying to|i need to|i ll be|i will be)\b/.test(normalise(message.slice(from, last)).text)) from = last;
  }
  let end = chosen.end;
  // A part after the question that asks nothing and names no date is context ("whats due tmrw, trying to plan my day around a conference").
  for (const cut of message.slice(from, chosen.end).matchAll(/[,;]+(?=\s)|\s[-–—]+\s/g)) {
    const at = from + (cut.index ?? 0);
    if (at <= from || !asks(from, at)) continue;
    const rest = normalise(message.slice(at + cut[0].length, chosen.end)).text;
    if (!asks(at + cut[0].length, chosen.end) && rest.split(' ').length > 2 && !DATE_WORD.test(rest) && !/\b(?:team|teams|service|everyone|everybody|whole|council|for|about|only|just)\b|^(?:particularly|especially|esp|mainly|mostly|and|or|including|incl|plus|not)\b/.test(rest)) {
      end = at;
      break;
    }
  }
  const next = sentences[sentences.indexOf(chosen) + 1];
  if (next && !asks(next.start, next.end) && normalise(message.slice(next.start, next.end)).text.split(' ').length <= 3) end = next.end;
  const whole = message.slice(0, from).trim() === '' && message.slice(end).replace(/[.!?…\s]/g, '') === '';
  return whole ? null : { start: from, end, question: chosen.question };
}

/**
 * The person a match's first group names: a name starting at the group's first word or, past
 * a word that is not one ("Patience has kindly agreed to cover"), at the next — never `not`
 * (the other person the message names). Null without a match or a name.
 */
function personIn(
  m: RegExpExecArray | null,
  text: string,
  nameAt: (i: number) => { text: string } | null,
  not: string | null = null,
  startOf: (i: number) => number = (i) => i,
): string | null {
  if (!m) return null;
  const i = wordIndexOf(text, m.index + m[0].indexOf(m[1]));
  // "My colleague Mark Chen has very kindly agreed to cover": the whole name the word ends.
  const starts = startOf(i) < i ? [startOf(i), i, i + 1] : [i, i + 1];
  const names = starts.map(nameAt).filter((name): name is { text: string } => name !== null && name.text !== not);
  // "feeling awful. Rhys can pick up": a word typed in lower case gives way to a name typed with a capital.
  return (names.find((name) => /^\p{Lu}/u.test(name.text)) ?? names[0])?.text ?? null;
}

/**
 * Where a name typed with capitals ends at word i starts: "Mark Chen" for "Chen" (up to
 * three words). A word typed in lower case never joins it ("lovely Jo will cover").
 */
function capitalisedNameStart(message: string, n: Normalised, words: string[]): (i: number) => number {
  const capital = (k: number) => /^\p{Lu}/u.test(n.tokens[n.tokenOfWord[k]]?.original ?? '');
  // Only a space between the two words: "August, Callum" is not one name.
  const apart = punctuatedAfter(message, n);
  return (i) => {
    let start = i;
    while (start > 0 && i - start < 2 && capital(i) && capital(start - 1) && !apart(start - 1) && isNameWord(words[start - 1])) start--;
    return start;
  };
}

/** Words naming someone's role before their name ("my colleague", "his line manager", "the new worker"): how many, from word i. */
function roleWordsAt(words: string[], i: number): number {
  const m = /^(?:(?:my|his|her|their|our|the|a) )(?:new |own |deputy |senior |assistant )?(?:colleague|line manager|team manager|manager|worker|social worker|practice educator|supervisor|senior|deputy|buddy|cover|pa|personal adviser|leaver|student|starter|new starter|locum|agency worker) /.exec(`${words.slice(i, i + 5).join(' ')} `);
  return m ? m[0].trim().split(' ').length : 0;
}

/** The day someone is back: "back Monday" said on a Monday means next Monday. */
function backOn(mention: DateMention, today: number): number {
  return mention.from <= today ? mention.from + 7 : mention.from;
}

const WEEKDAY_WORDS = /^(next )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** The day an absence runs "until": a weekday said on that weekday is the coming one ("until Monday" on a Monday: next Monday). */
function untilDay(mention: DateMention, today: number): number {
  return mention.prefix === 'until' && mention.kind === 'day' && mention.to === today && WEEKDAY_WORDS.test(mention.text) ? mention.to + 7 : mention.to;
}

/** "until Monday" or "back Monday": back that day; "to Friday", "through Friday", "including Monday", a period: that is the last day. */
function readingOf(mention: DateMention, text: string): UntilReading {
  if (/\b(including|inclusive|incl|last day|through|thru)\b/.test(text) || mention.kind === 'period') return 'last-day';
  return mention.prefix === 'until' || mention.prefix === 'back' ? 'back-on' : 'last-day';
}

/** Words after a name that say the question is about that person ("for Ali this week", "for Ali?"). */
// ("anything overdue for Chloe Barnes while she's been off": what follows says why.)
const AFTER_NAME = /^(?:$|\d|since\b|while\b|whilst\b|because\b|cos\b|as (?:she|he|they)\b|between\b|from\b|up to\b|please\b|w\/c\b|w\/b\b|week commencing\b|week beginning\b|thanks\b|pls\b|at the moment|right now|now\b|then\b|yet\b|at all|currently|so far|today|tomorrow|this|next|last|in the|over the|by|before|until|on|at|and|or|too|as well|in total|overall|got|has|have)/;

/**
 * Whose work a question asks about, when it is someone else's — "what's overdue for Ali",
 * "show me Sam's statements", "what has Priya got due", "how is Sam getting on" — or the
 * team it names ("the Riverside team", "in Westside"). A child's initials are a case, not a person.
 */
function colleagueOf(message: string, n: Normalised, dates: DateMention[], caseName: string | null): { person: string | null; team: string | null } {
  const found = whoseWork(message, n, dates, caseName);
  return found.person !== null && PLACE.test(found.person) ? { person: null, team: found.person } : found;
}

/**
 * The person named before a question that points back with a pronoun: the subject of the
 * first clause ("Rose has just rung in sick", "Will says he's caught up"), someone named
 * by their role ("my student Ellie"), or someone said to be that person ("she's Ellie
 * Brandt"), or named after "for" or "about" ("can you check this for Will:"). Null when none.
 */
function namedBefore(message: string, n: Normalised, dates: DateMention[], caseName: string | null): string | null {
  const text = n.text;
  const words = text.split(' ');
  const isDate = dateWords(dates);
  const nameAt = (i: number) => notCase(nameFrom(message, n, words, i, isDate), caseName);
  const patterns = [
    // "Kwame from the OT team asked me to …": who, by where they work.
    /(?:^|\s)(\S+(?: \S+)?) (?:from|in|at|on) (?:the )?\S+ (?:team|service|unit|pod|hub)\b/,
    // (A team before the verb is no one: "the OT team asked".)
    /(?:^|\s)((?!\S+ team\b)\S+(?: (?!team\b)\S+)?) (?:has|is|s|'s|was|will|says|said|rang|wants|asked|thinks|reckons|not|still|seems|seemed|looks|looked|sounds|sounded)\b/,
    /\b(?:my|our|the) (?:student|colleague|worker|practitioner|social worker|newly qualified worker|agency worker|locum) (\S+(?: \S+)?)/,
    /\b(?:she|he) (?:is|s|'s) (\S+(?: \S+)?)/,
    /\b(?:for|about|with|cover|covering) (\S+(?: \S+)?)/,
    // "just got a text from Grace - covid. can you record her as off sick": who it was heard from.
    /\b(?:text|call|message|email|phone call|voicemail|heard) from (\S+(?: \S+)?)/,
  ];
  for (const pattern of patterns) {
    // Every place it matches: "where's frank, is he off" passes "where is" to reach "frank is".
    for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) {
      const name = personIn(m, text, nameAt);
      if (name !== null) return name;
    }
  }
  return null;
}

/** A name, unless it is the child's initials the message is about or ends with them ("LCS shows TB's IHA"): a case, never a person. */
function notCase<N extends { text: string }>(name: N | null, caseName: string | null): N | null {
  const initials = (text: string | undefined) => text?.replace(/\./g, '').toUpperCase();
  return name && (caseName === null || (initials(name.text) !== caseName && initials(name.text.split(/\s+/).pop()) !== caseName)) ? name : null;
}

/** A team's name by the look of a place ("Riverside", "Northfield", "West Hill"): not a person. */
// ("Carmarthen West", "CIN North": a place and a quarter of it.)
const PLACE = /^(?:(?:north|south|east|west|mid|central|city|upper|lower)\S*|\S+(?:side|field|fields|bury|borough|dale|gate|bridge|shire|minster|mouth|port|hill|moor|vale))(?:\s\S+)?$|^\S+\s(?:north|south|east|west|central)$/i;

function whoseWork(message: string, n: Normalised, dates: DateMention[], caseName: string | null): { person: string | null; team: string | null } {
  const text = n.text;
  const words = text.split(' ');
  const isDate = dateWords(dates);
  const nameAt = (i: number) => notCase(nameFrom(message, n, words, i, isDate), caseName);
  // "the CIN pod", "the IRO team": a team's name typed in capitals (its words may be shorthand the normaliser expands).
  const typedTeam = /\b(?:the|in|for|at)\s+([A-Z]{2,5})\s+(?:team|pod|unit|hub)(?:['’]s)?\b/.exec(message);
  if (typedTeam) return { person: null, team: typedTeam[1] };
  // "deadlines for MASH this week", "what's late in CIN North", "how are MASH and DAT doing": teams by the names councils give them.
  // "Daves visits due this wk": a name typed with a capital and a possessive s without its apostrophe.
  const bareOwner = /^(?:(?:hi|ok|so|and|what about|show me) )?(\p{Lu}\p{Ll}+)s (?:visits|reviews|statements|stmts|momos|cases|deadlines|caseload|work|stuff|list|assessments|plans)\b/u.exec(message);
  if (bareOwner && isNameWord(bareOwner[1].toLowerCase()) && !/^(?:Team|Kid|Child|Children|Worker|Manager|Review|Visit|Statement|Momo|Case|Plan|Assessment|Deadline|Today|Week|Month)$/.test(bareOwner[1])) return { person: bareOwner[1], team: null };
  const knownTeam = /(?:^\s*|\b(?:for|in|at|across|on|of|the|how (?:are|is)|and)\s+)(MASH|DAT|DCT|FST|CWDT|LCT|YJS|YOS|YOT|(?:CIN|CP|CiC|CIC|LAC|CWD|FSW|DAT|MASH) (?:North|South|East|West|Central|[1-9]))\b(?!\s+(?:duty|rota|shift))/.exec(message);
  // ("I'm the TM for CiC 2": the asker's own team, said to introduce them.)
  // ("performance figures for leaving care": typed in lower case too, after "for".)
  const serviceTeam = /\b(?:for|in|at|across|on|of|the|how is|how s|how are|how's)\s+(Leaving Care|Children in Care|Fostering|Adoption|Youth Justice|Disabled Children|Early Help|Front Door|Duty and Assessment|Child Protection|Children in Need)(?:\s+[Tt]eam)?\b(?!\s+(?:reviews?|visits?|plans?|assessments?|conferences?|statements?|cases?|children))/.exec(message)
    ?? /\b(?:for|in|across)\s+(leaving care|fostering|adoption|youth justice|early help)(?:\s+team)?\b(?!\s+(?:reviews?|visits?|plans?|assessments?|statements?|cases?))/i.exec(message);
  if (serviceTeam && !knownTeam) return { person: null, team: serviceTeam[1] };
  if (knownTeam && !/\b(?:tm|manager|sw|iro|worker|practitioner|i m|i am|im|i work|work) (?:for|of|in|on)\s*$/i.test(message.slice(0, knownTeam.index + knownTeam[0].length - knownTeam[1].length))) return { person: null, team: knownTeam[1] };
  // ("cwd team here": where the asker is, not what is asked about.)
  const namedTeam = /\b(?:the |in |for |at )?((?:[a-z][a-z-]* ){1,2})(?:team|pod|unit|hub)\b(?! here\b)/.exec(text);
  if (namedTeam) {
    const start = wordIndexOf(text, namedTeam.index + namedTeam[0].indexOf(namedTeam[1]));
    const name = nameAt(start);
    if (name && name.last === wordIndexOf(text, namedTeam.index + namedTeam[0].length) - 1) return { person: null, team: name.text };
  }
  // "asking for Will: what has he got due", "checking on behalf of Jo - anything overdue": the question is theirs.
  const onBehalf = /^(?:(?:asking|checking|asked|enquiring|querying|question|query) (?:for|on behalf of)|on behalf of) (\S+)/.exec(text);
  if (onBehalf && /^\s*(?:\S+ )?(?:for|on behalf of) [^:\-–—,?]+[:\-–—,]/i.test(message)) {
    const name = nameAt(wordIndexOf(text, onBehalf[0].length - onBehalf[1].length));
    if (name) return { person: name.text, team: null };
  }
  for (let i = 0; i < words.length; i++) {
    if (words[i + 1] === "'s" && !isDate(i)) {
      const start = nameStart(words, i, isDate, punctuatedAfter(message, n));
      const name = start === null ? null : nameAt(start);
      if (name && name.last === i) return words[i + 2] === 'team' ? { person: null, team: name.text } : { person: name.text, team: null };
    }
  }
  // "Please show me the statements Rose currently has": whose they are, after them.
  const holds = /\b(?:statements|cases|work|caseload|visits|reviews|deadlines) (\S+(?: \S+)?) (?:currently |still |now )?(?:has|holds|is holding|has got)\b/.exec(text);
  if (holds) {
    const name = nameAt(wordIndexOf(text, holds.index + holds[0].indexOf(holds[1])));
    const work = wordIndexOf(text, holds.index);
    if (name && /^(?:currently|still|now|has|holds|is)$/.test(words[name.last + 1] ?? '') && !punctuatedAfter(message, n)(work)) return { person: name.text, team: null };
  }
  // "Can you show me Mark Ellis statements": a list shown for someone.
  const shown = /\b(?:show|list|see|view)(?: me)? (\S+(?: \S+)?) (?:statements|deadlines|list|work|cases|stuff)\b/.exec(text);
  if (shown) {
    const name = nameAt(wordIndexOf(text, shown.index + shown[0].indexOf(shown[1])));
    if (name && ['statements', 'deadlines', 'list', 'work', 'cases', 'stuff'].includes(words[name.last + 1])) return { person: name.text, team: null };
  }
  // "what Hana has overdue", "what Ali s got due"
  // "whether Gaz is overdue on anything"
  // ("what does Marta need to do this week": the same.)
  const subject = /\b(?:what|anything|everything|whatever|whether|if) (\S+(?: \S+)?) (?:has|s got|has got|have|needs|must|still has|is (?:overdue|behind|late|up to date|caught up)) /.exec(text)
    ?? /\bwhat (?:does|do) (\S+(?: \S+)?) (?:need|have|got) to (?:do|get done|sort|finish|complete)\b/.exec(text);
  if (subject) {
    const name = nameAt(wordIndexOf(text, subject.index + subject[0].indexOf(subject[1])));
    if (name && ['has', 's', 'have', 'needs', 'must', 'still', 'is', 'need', 'got'].includes(words[name.last + 1])) return { person: name.text, team: null };
  }
  const asked = /\b(?:has|does|is|did|will|can|for|about|with|check on|how s|how is|how are|how was|how are things with|update on|what about|what do|what does) (\S+)/g;
  for (const m of text.matchAll(asked)) {
    const start = wordIndexOf(text, (m.index ?? 0) + m[0].length - m[1].length);
    const longest = nameAt(start);
    // "how is Ali coping": the name is as long as what follows it allows.
    for (let last = longest?.last ?? -1; last >= start; last--) {
      const rest = words.slice(last + 1).join(' ');
      // "anything overdue for Hope? hoping not": a question that ends with the name.
      // "whats overdue for ellie, shes asked for a catch up": a name that ends its clause.
      const endsQuestion = () => { const a = n.tokens[n.tokenOfWord[last]]; return a !== undefined && /^\s*(?:[?,;]|[-–—]\s)/.test(message.slice(a.start + a.original.length)); };
      const verb = /^(?:for|about|with|check on|update on|what about)\b/.test(m[0]) ? AFTER_NAME.test(rest) || /^(?:s |'s )/.test(rest) || endsQuestion() : /^(?:got|get|receive|received|breached|slipped|not (?:done|got|finished|completed|sent|opened|read)|have|has|had|overdue|behind|late|due|missed|let|left|slipped|forgotten|getting|doing|do\b|going|done|performing|coping|managing|keeping|opened|read|any|anything|on top|up to date|caught up|working on|dealing with|handling|busy with|complete|completed|finish|finished|hold|held|s |'s )/.test(rest);
      if (verb) return { person: wordsAsTyped(message, n, start, last), team: null };
    }
  }
  // "overdue - Sam", "due list Ali next wk": a list word, then a name.
  const bare = /^(?:due|overdue|late|deadlines|statements)(?: list| items| stuff)? (\S+)/.exec(text);
  if (bare) {
    const name = nameAt(wordIndexOf(text, bare[0].length - bare[1].length));
    if (name && AFTER_NAME.test(words.slice(name.last + 1).join(' '))) return { person: name.text, team: null };
  }
  // "jack overdue", "faith - anything overdue?", "Sam: due this week": a name first, then the question.
  if ((words.length <= 3 && /^\S+(?: \S+)? (?:overdue|due|late|deadlines|list|stuff)\b/.test(text)) || /^\S+(?: \S+)? (?:overdue|due|late) (?:list|items|stuff|deadlines|on|before|by|for|this|next|in|today|tomorrow|core|visits|reviews|statements|cases|conferences|assessments|plans|momos|\d\S*)\b/.test(text) || /^\s*\S+(?:\s\S+)?\s*[-:–—]\s/.test(message)) {
    const name = nameAt(0);
    if (name && (words[name.last + 1] === undefined || /^(?:overdue|due|late|deadlines|list|stuff|anything|any|what|whats|is|has|how|can|could|please|are|does|did|which|when|and)$/.test(words[name.last + 1]))) {
      return PLACE.test(name.text) ? { person: null, team: name.text } : { person: name.text, team: null };
    }
  }
  // "how Riverside is doing on CiC visit timescales": whose figures, before "is doing".
  const howThey = /\bhow (\S+(?: \S+)?) (?:is|are|s|was|were) (?:doing|getting on|performing|coping|managing|looking)\b/.exec(text);
  if (howThey) {
    const name = nameAt(wordIndexOf(text, howThey.index + howThey[0].indexOf(howThey[1])));
    if (name && ['is', 'are', 's', 'was', 'were'].includes(words[name.last + 1])) return PLACE.test(name.text) ? { person: null, team: name.text } : { person: name.text, team: null };
  }
  // "Frank visits due next 7 days": a name that is also a word, read as a name where it stands (`normalise`), then its work.
  const nameWordFirst = n.tokens[0] !== undefined && n.tokens[0].words[0] === NAME_STAND_IN && n.tokens[0].original.toLowerCase() !== NAME_STAND_IN;
  if (nameWordFirst && /^\S+ (?:visits|reviews|statements|cases|assessments|conferences|plans|deadlines|momos|caseload) (?:due|overdue|late|this|next|for|coming|today|tomorrow)\b/.test(text)) {
    const name = nameAt(0);
    if (name) return { person: name.text, team: null };
  }
  // "southside overdue list": a team named first, then what is asked of it.
  if (/^\S+(?: \S+)? (?:team |lot )?(?:(?:core groups?|visits|reviews|assessments|plans|statements|conferences|initial health assessments|review health assessments|personal education plans) )?(?:overdue|due|late|deadlines|breaches|list|stats|figures|performance|compliance|on time|rate|timescales|numbers)\b/.test(text)) {
    const name = nameAt(0);
    if (name && PLACE.test(name.text)) return { person: null, team: name.text };
    // "grace on time rate": a name that is also a word, read as one where it stands, then its figures.
    if (name && nameWordFirst) return { person: name.text, team: null };
  }
  const inTeam = /\b(?:in|at|across) (\S+)/g;
  for (const m of text.matchAll(inTeam)) {
    const name = nameAt(wordIndexOf(text, (m.index ?? 0) + m[0].length - m[1].length));
    if (name && AFTER_NAME.test(words.slice(name.last + 1).join(' '))) return { person: null, team: name.text };
  }
  // "is anything in Riverside overdue?", "any of the Riverside core groups": a place is a team.
  // (The word is looked ahead at, so that "of the Riverside lot" reaches "the Riverside".)
  for (const m of text.matchAll(/\b(?:the|in|at|across|for|of|from|on|covering|cover) (?=(\S+))/g)) {
    const word = m[1];
    const at = wordIndexOf(text, (m.index ?? 0) + m[0].length);
    // "out in the countryside" is no team; "the Riverside lot", typed with a capital, is.
    const typedCapital = /^\p{Lu}/u.test(n.tokens[n.tokenOfWord[at]]?.original ?? '');
    if (!PLACE.test(word) || (!typedCapital && /^(?:in|out|be|a|up|down|off|country|along|road|water|sea|river)side$/.test(word))) continue;
    const name = nameAt(at);
    if (name && PLACE.test(name.text)) return { person: null, team: name.text };
  }
  return { person: null, team: null };
}

function iso(epochDay: number): string {
  return formatCivilDate(civilDateOf(epochDay));
}

/**
 * Whether a reassignment is about the asker's own statements ("move my CiC statements…",
 * "…while I'm away"), as opposed to someone else's or nobody's yet.
 *
 * @example
 * isAboutOwnWork('move all my statements to jo'); // true
 */
export function isAboutOwnWork(words: string): boolean {
  return /\b(my(?: \S+){0,3}? (statements?|cases?|work|caseload|stuff|ones|lot|kids|allocations?|momos|stmts|visits|reviews|duty)|my [a-z]{1,4}-\d+|mine|all of mine)\b/.test(words)
    || /\b(while|whilst|when) i am (away|off|on)\b/.test(words);
}

/** Whether word i belongs to a date mention. */
function dateWords(dates: DateMention[]): (i: number) => boolean {
  return (i) => dates.some((d) => i >= d.firstWord && i <= d.lastWord);
}

function wordIndexOf(text: string, charIndex: number): number {
  return text.slice(0, charIndex).split(' ').length - 1;
}

/** A name of one to three words starting at word i, as typed. */
function nameFrom(
  message: string,
  n: Normalised,
  words: string[],
  i: number,
  isDate: (i: number) => boolean,
): { text: string; last: number } | null {
  let last = i - 1;
  // Never across punctuation as typed ("to April. I'm in court").
  const apart = punctuatedAfter(message, n);
  // A surname may be one letter ("Sam P"); a name never starts with one ("C&F" is not a name).
  while (last + 1 < words.length && last - i < 2 && (isNameWord(words[last + 1]) || (last >= i && /^\p{Ll}$/u.test(words[last + 1]) && words[last + 1] !== 'i')) && !isDate(last + 1) && !(last >= i && apart(last))) last++;
  if (last < i) return null;
  return { text: wordsAsTyped(message, n, i, last), last };
}

/** Whether punctuation parts word k from word k+1 as typed ("a pain, Nadia's"): a name never spans it. */
function punctuatedAfter(message: string, n: Normalised): (k: number) => boolean {
  return (k) => {
    const a = n.tokens[n.tokenOfWord[k]];
    const b = n.tokens[n.tokenOfWord[k + 1]];
    return a !== undefined && b !== undefined && a !== b && !/^\s+$/.test(message.slice(a.start + a.original.length, b.start));
  };
}

/** Where a name ending at word `end` starts (up to three words back). */
function nameStart(words: string[], end: number, isDate: (i: number) => boolean, apart: (k: number) => boolean = () => false): number | null {
  if (!isNameWord(words[end]) || isDate(end)) return null;
  let start = end;
  while (start - 1 >= 0 && end - start < 2 && isNameWord(words[start - 1]) && !isDate(start - 1) && !apart(start - 1)) start--;
  return start;
}

/**
 * Whether a short reply is just a name (or "me"), as an answer to "who?".
 *
 * @example
 * looksLikeName('priya shah'); // true
 * looksLikeName('anything overdue'); // false
 */
export function looksLikeName(words: string): boolean {
  const list = words.split(' ').filter((w) => !['to', 'actually', 'its', 'it', 'is', 'cover', 'please', 'thanks', 'instead'].includes(w));
  return list.length > 0 && list.length <= 3 && list.every((w) => w === 'me' || w === "'s" || isNameWord(w));
}

const CLOCK_WORDS: Readonly<Record<string, WhenQuestion['clock']>> = {
  day: 'calendar-days', days: 'calendar-days', hour: 'hours', hours: 'hours', week: 'weeks', weeks: 'weeks', month: 'months', months: 'months',
};

/** "N (working) days/hours before|after|from D": the working-time arithmetic question, or null. */
function whenQuestion(text: string, dates: DateMention[]): WhenQuestion | null {
  // "assessment started 3/2/26, when's day 45?", "if strategy was on 4/2/2026 when is working day 15": day N of a
  // timescale counted from the one date named (assessment and child protection days are working days).
  // "if a statement lands at 4pm on 24 Dec when do the 7 working hours run out": counted from the one date named.
  // ("when's 45 working days", "when does the ICPC need to be by if its 15 working days": the same.)
  const runOut = /\bwhen (?:do|does|will|would) (?:the |my |its |their )?(\d{1,3}) (working |business )?(hours?|days?) (?:run out|end|expire|finish|be up|lapse)\b/.exec(text)
    ?? /\bwhen (?:is|s|will be|would be|are) (?:the )?(\d{1,3}) (working |business )?(hours?|days?)(?: up| over| from then| from that)?$/.exec(text)
    // "if a child comes into care on Monday 12 Oct when would 20 working days be"
    ?? /\bwhen (?:would|will|does|do) (?:the )?(\d{1,3}) (working |business )?(hours?|days?) (?:be|end|finish|be up)\b/.exec(text)
    ?? (/\bwhen\b/.test(text) ? /\bif (?:it s|its|it is|it has to be|it needs to be) (?:within )?(\d{1,3}) (working |business )?(hours?|days?)\b/.exec(text) : null);
  if (runOut && dates.length === 1) {
    const working = runOut[2] !== undefined;
    const clock = working ? (runOut[3].startsWith('hour') ? 'working-hours' : 'working-days') : CLOCK_WORDS[runOut[3]];
    return { amount: Number(runOut[1]), clock, direction: 'after', anchor: iso(dates[0].from), anchorMinutes: dates[0].minutes };
  }
  const dayN = /\bwhen(?: is| will be| would be| does)? (?:the )?(?:working |business )?day (\d{1,3})\b/.exec(text);
  if (dayN && dates.length === 1 && Number(dayN[1]) > 0) return { amount: Number(dayN[1]), clock: 'working-days', direction: 'after', anchor: iso(dates[0].from), anchorMinutes: dates[0].minutes };
  // (Not the month of a date: "tues 26/5, day after the bank hol".)
  const m = /(?<!\/)\b(\d{1,4}|[a-z]+) (working |business |calendar |clear |work )?(days?|hours?|weeks?|months?)( time)? (before|after|forward from|forwards from|from|prior to|prior|ahead of|since|back from|on from|following|in advance of|later than|earlier than|of)\b/.exec(text)
    ?? /\b(?:add|adding|plus) (\d{1,4}|[a-z]+) (working |business |calendar |work )?(days?|hours?|weeks?|months?)( time)? (to|onto|on to|on)\b/.exec(text)
    // "today plus 10 working days": from the date before it.
    ?? /\b(?:today|tomorrow|now|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|\d{1,2}(?:st|nd|rd|th)(?: [a-z]+)?) (?:plus|add) (\d{1,4}|[a-z]+) (working |business |calendar |work )?(days?|hours?|weeks?|months?)( time)?()(?= |$)/.exec(text);
  if (!m) return null;
  // "off for 2 weeks from Monday": how long someone is away; "N days of" only as "within N working days of".
  if (/\b(?:off|away|leave|holiday|sick|out|absent) for $/.test(text.slice(0, m.index))) return null;
  // "checked twice a day from now on": how often, not a date.
  if (/\b(?:twice|once|three times|four times)$/.test(text.slice(0, m.index).trimEnd()) || /^ now on\b/.test(text.slice(m.index + m[0].length))) return null;
  // "when TH's second review is due please, I think it's 3 months after the first": a guess beside the question, not the question.
  if (/\b(?:i think|i thought|i believe|i reckon|pretty sure|not sure if) (?:it s|its|it is|that s|thats) $/.test(text.slice(0, m.index)) && /\bwhen\b.*\bdue\b/.test(text)) return null;
  if (m[5] === 'of' && !/\bwithin $/.test(text.slice(0, m.index))) return null;
  const amount = numberOf(m[1]);
  if (amount === null || amount < 1) return null;
  const working = m[2] === 'working ' || m[2] === 'business ' || m[2] === 'work ';
  const unit = m[3];
  let clock = CLOCK_WORDS[unit];
  if (working && unit.startsWith('day')) clock = 'working-days';
  if (working && unit.startsWith('hour')) clock = 'working-hours';
  const direction: WhenQuestion['direction'] = ['before', 'prior to', 'prior', 'ahead of', 'back from', 'in advance of', 'earlier than'].includes(m[5]) ? 'before' : 'after';
  const after = m.index + m[0].length;
  const afterWord = text.slice(0, after).split(' ').length;
  // The date after the phrase ("… before 12 March"), or one named earlier ("if it came in on 28 Dec, … after that").
  // "review is on 22/6, what's 5 working days before": the one date named, when nothing follows the phrase.
  const anchorMention = dates.find((d) => d.firstWord >= afterWord - 1)
    ?? (/^ (that|then|it)\b/.test(text.slice(after)) || /^ (?:what|which) (?:date|day) (?:is|would|will) (?:that|it|be)\b/.test(text.slice(after)) || (/^(?: (?:that|then|it|this|please|pls))?$/.test(text.slice(after)) && dates.length === 1) ? dates[dates.length - 1] : undefined)
    // "RCPC booked for 17 March, when is 3 working days before for the report": the one date, named before the phrase.
    ?? (dates.length === 1 && dates[0].lastWord < afterWord - 1 && !/^ (?:a|an|the|each|every|any)\b/.test(text.slice(after)) ? dates[0] : undefined);
  if (!anchorMention) return { amount, clock, direction, anchor: null, anchorMinutes: null };
  return { amount, clock, direction, anchor: iso(anchorMention.from), anchorMinutes: anchorMention.minutes };
}
