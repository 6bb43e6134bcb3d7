import { civilDateOf, formatCivilDate, type WorkingCalendar } from '../standards';
import { caseOf, kindOf, type DeadlineKind } from './case-words';
import { findDates, numberOf, type DateMention } from './dates';
import { IntentClassifier } from './intent-classifier';
import { normalise, wordsAsTyped, type Normalised } from './normalise';

/** The intents of `heard parse` (interfaces.md). */
export const INTENTS = [
  'due', 'overdue', 'unopened', 'team-due', 'team-overdue', 'unassigned', 'reassign', 'away',
  'when', 'standard', 'stats', 'help', 'greeting', 'unknown', 'broadcast', 'delivery-report', 'history',
] as const;
/** @example const i: Intent = 'team-due'; */
export type Intent = (typeof INTENTS)[number];
/** @example const s: Scope = 'me'; */
export type Scope = 'me' | 'team' | 'all';

/**
 * What an `away` message asks of absences: to `record` one ("I'm on leave until Friday"),
 * `who` is away ("who's off?", a manager's question), whether I am (`mine`: "am I down as
 * on leave?"), to `cancel` one ("cancel my leave"), or that I am `back` ("I'm back").
 *
 * @example const a: AbsenceAsk = 'who';
 */
export type AbsenceAsk = 'record' | 'who' | 'mine' | 'cancel' | 'back';

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

/** Words that are never part of a person's name. */
const NOT_NAMES = new Set(
  (
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'gone furthest most least further more less really currently quite very worst best top biggest i me my mine myself you your we our us they them their everyone everybody anyone anybody nobody someone somebody he him his she her it its this that these those who whom whose ' +
    'a an the all any some every each of from to for with without by at in on onto into over under about as and or but ' +
    'is are was were be been being am will would can could should shall may might must do does did have has had get got ' +
    'please thanks thank cheers hi hello hey morning ok okay sorry just now then also too again ' +
    'move moved moving reassign reassigned reallocate reallocated swap transfer transferred give pass put send redirect allocate allocated assign assigned switch shift hand handover ' +
    'take takes taking cover covers covering covered pick picks picking up look looks after go goes going be need needs want wants ' +
    'statements statement cases case work caseload stuff ones kids children young people allocations lot ' +
    'off away leave annual sick sickness absent absence holiday holidays training out office lieu time back returning return ' +
    'until through between before after since till next last this coming today tomorrow yesterday week weeks month weekend ' +
    'monday tuesday wednesday thursday friday saturday sunday fortnight team manager worker workers temporarily temporary ' +
    'new open overdue due permanently good while when whilst duty desk service participation day days instead actually rather ok ' +
    'what which how where why whats much many got done doing going getting behind late missed breached breach yet still already soon ' +
    'visit visits visited review reviews conference conferences assessment assessments plan plans care protection child kid kid young person ' +
    'core group groups meeting meetings health deadline deadlines list lists item items task tasks jobs actions figures numbers stats statistics ' +
    'rate percentage percent performance timescale timescales history timeline happened anything something nothing someone there here ' +
    'assigning allocating opening reading acknowledging visiting reviewing completing downloading telling sharing recording ' +
    'booked booking mum mums dad dads mother father parent parents carer carers nan nana gran granny grandma grandad grandparents auntie aunt uncle foster ' +
    'down upcoming else other others let so colleague colleagues whoever hiya heya kindly agreed said asked told says date momo momos opened unopened read downloaded complete completed urgent queue unassigned heard bot teams council social in not no yes right'
  ).split(' '),
);

const TEAM_WORDS = /\b(my teams?(?! manager)|the team(?! manager)|our team|team(?! manager)|my workers|my staff|my lot|my social workers|everyone|everybody|anyone|who is|who has|whose|which of my (?:team|workers|staff|people|sws|social workers|practitioners|reports)|which (?:of the )?(?:workers|social workers|practitioners|staff)|my sws|my reports|my practitioners)\b/;
const ALL_WORDS = /\b(which teams|what teams|any teams|whole service|whole council|everything in the service|the service|all teams|every team|each team|across (the )?(service|council|teams|all teams)|all workers|service wide|all the teams|council wide|across the board|everyone in the service)\b/;
/** "transfer Dev's statements to Hana", "move everything from Sam to Priya": moving work to someone. */
const MOVING = new RegExp(
  '\\b(?:move|reassign|reallocate|assign|allocate|transfer|hand over|hand|pass|give|switch|swap|redirect|shift|send|put|forward|divert|route)\\b(?: \\S+){0,6}? (?:statements?|cases?|work|caseload|stuff|everything|ones) (?:(?:of|from) \\S+(?: \\S+)? )?(?:over |through |across )?(?:to|onto) \\S+' +
  // "can all of Will's go to Grace", "can my cases go to Jo"
  "|\\b(?:can|could|should|will|shall) (?:all (?:of )?)?(?:my|his|her|their|\\S+ 's)(?: \\S+){0,2}? (?:go|goes|come|be moved|be passed|be given|be sent|move) (?:over |across )?(?:to|onto) \\S+",
);

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

  async parse(message: string, now: number): Promise<Understanding> {
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

    const when = whenQuestion(n.text, dates);
    // "section 20", "section 47" are the Children Act's (accommodation, enquiries); a standard's section has a dot ("section 2.1").
    const standardRef = /\b(?:standard|std) ((?:[a-z-]+\.)?\d+(?:\.\d+)*)\b/.exec(n.text)?.[1]
      ?? /\b(?:section|para|paragraph) ((?:[a-z-]+\.)?\d+\.\d+(?:\.\d+)*)\b/.exec(n.text)?.[1]
      ?? /\b((?:momo|yjs|childrens-services|core-practice)\.\d+(?:\.\d+)*)\b/.exec(n.text)?.[1] ?? null;
    if (when) {
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

    u.case = caseOf(n);
    let classification = await this.classifier.classify(n.text);
    explanation.push(`classifier: ${classification.intent} (${classification.score.toFixed(2)})`);
    // A message that says other things too ("court on Wednesday, two visits Thursday - what else
    // have I got due this week?"): the question is read on its own as well, and its dates are the range.
    const span = questionSpan(message);
    const asked = span ? normalise(message.slice(span.start, span.end)) : n;
    if (span) {
      const alone = await this.classifier.classify(asked.text);
      explanation.push(`the question: "${asked.text}" → ${alone.intent} (${alone.score.toFixed(2)})`);
      const marked = /\?\s*$/.test(message.slice(span.start, span.end + 1));
      const isQuestion = marked || /^(?:(?:hi|hey|hiya|morning|ok|okay|so|and|but|also|right|please|pls|just|then) )?(?:what|which|who|whose|when|how|is|are|has|have|do|did|does|can|could|any|anything|show|list|tell|give)\b/.test(asked.text);
      // The question, marked as one, is what is asked, however sure the reading of the whole was.
      if (isQuestion && alone.intent !== classification.intent && ((alone.score >= 0.8 && classification.score < 0.9) || (marked && alone.score >= 0.9))) classification = alone;
    }
    const inQuestion = (d: DateMention) => !span || (n.tokens[n.tokenOfWord[d.firstWord]].start >= span.start && n.tokens[n.tokenOfWord[d.firstWord]].start < span.end);
    // "first day back is 4/1 — anything due that day?": a question pointing back takes the dates before it.
    const pointsBack = /\b(?:that day|that date|that week|then|them|those|these)\b/.test(asked.text);
    const questionDates = dates.some(inQuestion) || !pointsBack ? dates.filter(inQuestion) : dates;
    let intent: Intent = classification.score >= 0.4 ? classification.intent : 'unknown';
    const offTopic = OFF_TOPIC.exec(n.text);
    if (offTopic && intent !== 'unknown') {
      intent = 'unknown';
      explanation.push(`grammar: "${offTopic[0]}" asks nothing Heard answers`);
    }
    // "Dev's stmts -> Jo": whose work, then to whom, and nothing else.
    const moving = MOVING.exec(n.text) ?? /^(?:\S+ ){1,2}'s (?:statements?|cases?|work|caseload|stuff) (?:over )?to \S+(?: \S+)?(?: (?:pls|please|thanks|asap|until|till|from|for|while|whilst)\b.*)?$/.exec(n.text);
    if (moving && intent !== 'reassign') {
      intent = 'reassign';
      explanation.push(`grammar: "${moving[0]}" moves statements`);
    }
    // Working-time questions were decided by grammar above: a "when" left here with a date and
    // asking what is due ("what's due between 1 and 5 Dec") is the asker's list for those dates.
    if (intent === 'when' && dates.length > 0 && /\b(?:due|deadlines?)\b/.test(n.text) && !/\bwhen\b/.test(n.text)) {
      intent = 'due';
      explanation.push('grammar: what is due on dates, with no working time to work out');
    }
    // "diolch yn fawr", "bore da": thanks and hello in Welsh (councils in Wales work bilingually).
    if (/^(?:diolch(?: yn fawr)?(?: iawn)?|bore da|prynhawn da|noswaith dda|shwmae|helo|hwyl(?: fawr)?)(?: heard| bot| everyone| all)?$/.test(n.text)) {
      intent = 'greeting';
      explanation.push('grammar: thanks or hello in Welsh');
    }
    // "merry christmas heard!": a greeting for the season.
    if (/^(?:(?:and )?(?:a )?(?:merry christmas|happy (?:new year|christmas|easter|friday|monday|holidays|bank holiday|hols))(?: to you)?(?: heard| everyone| all| bot)?)(?: and (?:a )?(?:merry christmas|happy new year))?$/.test(n.text)) {
      intent = 'greeting';
      explanation.push('grammar: a greeting for the season');
    }
    // "are there any RCPCs out of timescale for me?": late work.
    if (/\b(?:out of|outside(?: of)?|past|over|beyond) (?:the |its |their )?timescales?\b/.test(n.text) && ['unknown', 'standard', 'help', 'due'].includes(intent)) {
      intent = 'overdue';
      explanation.push('grammar: out of timescale is late');
    }
    // "how my team did on statement timescales", "how did Northfield do with reviews": figures.
    if (/\bhow (?:my team|the team|we|our team|i|\S+) (?:did|have done|has done|are doing|is doing|am doing)\b/.test(n.text) && ['standard', 'unknown', 'help', 'due', 'overdue', 'team-due', 'team-overdue'].includes(intent)) {
      intent = 'stats';
      explanation.push('grammar: asks how someone did');
    }
    // "joy's list for this week pls": someone's list of deadlines.
    if (/\b\S+ 's (?:list|deadlines|diary|to do list|due list|week)\b/.test(n.text) && ['stats', 'unknown', 'help', 'history', 'unopened'].includes(intent) && !/\b(?:rate|percentage|figures|stats|how many|how is|how did)\b/.test(n.text)) {
      intent = 'due';
      explanation.push("grammar: someone's list of deadlines");
    }
    // "can you do case stuff too or just statements?": what Heard can do.
    const canYou = /^(?:\S+ )?(?:can|could|do|does) (?:you|heard|it|this bot|the bot) (?:also )?(?:do|handle|deal with|track|support|work with|know about|cope with|help with) (?!what|which|when|my\b)/.exec(n.text);
    if (canYou && dates.length === 0 && u.case === null && !moving) {
      intent = 'help';
      explanation.push(`grammar: "${canYou[0].trim()}" asks what Heard can do`);
    }
    // "how do I record that I'm on leave": how to use Heard.
    const howTo = /^(?:\S+ )?how (?:do|can|should|would) (?:i|we) (?:(?:record|add|book|log|put in|enter|set|put) (?:that |my |an? |some |someone 's |someone else 's |their |his |her |a colleague 's )?(?:i am |i m |i will be |we are )?(?:on |off |going )?(?:leave|absence|annual leave|a l|holiday|sick|off|away|cover|training|statements?)|tell (?:heard|you|the bot)|let (?:heard|you|the bot) know|use (?:heard|you|this|it|the bot)|get heard to|ask (?:heard|you))\b/.exec(n.text);
    if (howTo && u.case === null) {
      intent = 'help';
      explanation.push(`grammar: "${howTo[0]}" asks how to use Heard`);
    }
    // "when does an RCPC need to be held": when a kind of meeting or work is due, by the rule.
    const ruleWhen = /^when (?:does|do|should|must|is|are) (?:a|an|the) (?:\S+ ){1,5}?(?:need to be|have to be|has to be|needs to be|supposed to be|meant to be|be held|happen|take place|due by)\b/.exec(n.text);
    if (ruleWhen && u.case === null && !/\b(?:my|our|next|i|mine)\b/.test(n.text)) {
      intent = 'standard';
      explanation.push(`grammar: "${ruleWhen[0]}" asks what a standard says`);
    }
    // "did I hit my timescales last month": how the asker did.
    const hit = /\b(?:did|have|has) (?:i|we|my team|the team|\S+) (?:hit|meet|met|make|made|miss|missed|keep to|stick to) (?:my|our|the|their|his|her) (?:timescales|targets|deadlines)\b/.exec(n.text);
    if (hit && !['stats', 'history'].includes(intent)) {
      intent = 'stats';
      explanation.push(`grammar: "${hit[0]}" asks how they did`);
    }
    // "what have i got from 1 June to 5 June", "could you tell me what I have due in the next 30 days":
    // what is due on named dates, whatever the classifier made of the wrapping.
    const onDates = /\b(?:due|deadlines?|(?:what|anything) (?:have|do) i (?:got|have)|what i (?:have|ve) got|what i have|anything on|what is on|what is coming up|coming up|on my plate|in my diary)\b/.exec(n.text);
    if (dates.length > 0 && onDates && !offTopic && ['unknown', 'standard', 'help', 'greeting', 'when'].includes(intent) && !standardRef
      && !/\b(?:how long|how many|how often|how soon|how quickly|timescales?|working days?|working hours)\b/.test(n.text)) {
      intent = 'due';
      explanation.push(`grammar: "${onDates[0]}" on named dates asks what is due`);
    }
    if (intent === 'due' && /\b(?:unopened|unread|not (?:yet )?(?:been )?(?:opened|downloaded|read))\b/.test(n.text) && !/\b(?:due|deadlines?)\b/.test(n.text)) {
      intent = 'unopened';
      explanation.push('grammar: asks what is not opened yet');
    }
    if (intent === 'unopened' && /\b(?:due|deadlines?)\b/.test(n.text) && !/\b(?:open|opened|unopened|read|unread|downloaded|download|looked at|seen)\b/.test(n.text)) {
      intent = 'due';
      explanation.push('grammar: asks what is due, not what is unopened');
    }
    // "CIN reviews due for the team between 27 July and 7 Aug": a list of deadlines, with no notice to send or to ask about.
    const noNotice = !/\b(?:notice|notices|broadcast|broadcasts|announcement|message|messages|alert|read receipts?)\b/.test(n.text);
    if (((intent === 'broadcast' && !BROADCAST.test(n.text)) || (intent === 'delivery-report' && noNotice && !DELIVERY_REPORT.test(n.text))) && /\b(?:due|overdue|deadlines?|late|have i got|what have i got|coming up)\b/.test(asked.text)) {
      intent = /\b(?:overdue|late)\b/.test(n.text) ? 'overdue' : 'due';
      explanation.push('grammar: deadlines asked about, no notice to send');
    }
    if (standardRef && (intent === 'unknown' || intent === 'help' || intent === 'due' || intent === 'when' || intent === 'greeting')) {
      intent = 'standard';
      explanation.push(`grammar: "${standardRef}" names a standard`);
    }
    const ref = STATEMENT_REF.exec(n.text);
    u.statementRef = ref ? ref[1].toUpperCase() : null;
    const moveOne = ref && MOVE_ONE.exec(n.text);
    if (moveOne) {
      intent = 'reassign';
      explanation.push(`grammar: "${moveOne[0]}" moves one statement`);
    }
    // "Ali Khan is on leave next wk, cover is Hana": an absence stated, not a question, is one to record.
    const leaveStated = /\b(?:is|am|are|will be|s|m) (?:on (?:annual |sick |paternity |maternity |study |compassionate )?leave|off sick|on holiday|on (?:a |an )?(?:training |residential )?course|on training|off work|absent|out of (?:the )?office)\b/.exec(n.text)
      ?? /^(?:i (?:have |ve )?)?(?:booked|booking|taking|got) (?:some |a |my )?(?:annual leave|leave|holiday|holidays|time off|a day off|days off|toil|lieu)\b/.exec(n.text);
    if (leaveStated && intent !== 'away' && !moving && !/^(?:is|are|am|when|who|whos|which|will|has|have|do|does|how)\b/.test(n.text)
      && !/\b(?:what|which|anything|any|how many|overdue|due|deadlines?|late|move|reassign|give|pass|cover (?:her|his|their|my) (?:statements|work|cases))\b/.test(n.text)) {
      intent = 'away';
      explanation.push(`grammar: "${leaveStated[0]}" states an absence`);
    }
    const absence = absenceAsk(n.text, dates.length > 0)
      // "Priya back Monday?": asked, not said, so a question about someone's absence.
      ?? (/\?\s*$/.test(message) && AWAY_ASKED_BARE.exec(n.text)?.[1].split(' ').some(isNameWord) ? 'who' : null);
    if (absence && (absence !== 'record' || intent === 'away')) {
      if (intent !== 'away' || absence !== 'record') explanation.push(`grammar: asks ${absence === 'who' ? 'who is away' : absence === 'mine' ? 'whether I am down as away' : absence === 'cancel' ? 'to cancel an absence' : absence === 'back' ? 'to end an absence: back now' : 'to record an absence'}`);
      intent = 'away';
      u.absence = absence;
    }
    // "before I go off, check nothing of mine is overdue": a question about deadlines, whatever absence it mentions.
    const deadlineAsked = /\b(overdue|late|breached|missed|due|deadlines?|needs? doing|need to do|to get done|needs? finishing)\b/.exec(n.text);
    if (intent === 'away' && (u.absence === null || u.absence === 'record') && deadlineAsked && !/\b(cover|covering|covers|covered)\b/.test(n.text)) {
      intent = /^(?:overdue|late|breached|missed)$/.test(deadlineAsked[1]) ? 'overdue' : 'due';
      u.absence = null;
      explanation.push(`grammar: "${deadlineAsked[0]}" asks about deadlines, not to record an absence`);
    }
    // "need to know the timescale for telling the child": what a standard says, when nothing else was understood.
    const timescale = /\b(?:timescales?|time ?frames?|time limits?|how long (?:do|have|has|does) (?:i|we|you|the|a|an)|how many (?:working |calendar |business )?(?:days|hours|weeks) (?:do|have|does|will|would) (?:i|we|you|they|the)|how often (?:do|does|must|should|are|is)|how quickly (?:do|must|should)|how soon (?:do|must|should))\b/.exec(n.text.replace(/\b(?:out of|outside(?: of)?|past|over|beyond|in|within|on) (?:the |its |their )?timescales?\b/g, ''));
    const listLike = ['due', 'overdue', 'unopened', 'unassigned'].includes(intent) && u.case === null && dates.length === 0 && !/\b(?:my|mine|i have|i ve|have i|overdue|late)\b/.test(n.text.replace(/\bhow often do i\b/, ''));
    if (timescale && (intent === 'unknown' || intent === 'help' || intent === 'greeting' || listLike || (intent === 'stats' && /^how many/.test(timescale[0]))) && !offTopic) {
      intent = 'standard';
      explanation.push(`grammar: "${timescale[0]}" asks what a standard says`);
    }
    // "make sure Jo picks up Hana's stuff", "could Ali have my statements", "Dev's caseload covered by Jo": someone taking over work.
    const work = "(?:all (?:of )?)?(?:my|his|her|their|\\S+ 's) (?:statements?|cases?|work|stuff|caseload|allocations?|kids)";
    const takeOver = new RegExp(`\\b(?:(?:pick|picks|picking|take|takes|taking) (?:up |over )?${work}|(?:can|could|will) \\S+(?: \\S+)? (?:have|take|cover|pick up) ${work}|${work} (?:covered|picked up|taken over|looked after|held) by|put ${work} with)\\b`).exec(n.text);
    const ownAbsence = leaveStated !== null && /^(?:i am|i m|i will be|i have|i ve|booked|booking|taking)\b/.test(n.text);
    if (takeOver && intent !== 'reassign' && !ownAbsence && !/^(?:who|which|what|has|is|did)\b/.test(n.text)) {
      intent = 'reassign';
      u.absence = null;
      explanation.push(`grammar: "${takeOver[0]}" moves work to someone`);
    }
    // "how does the queue work": how to use Heard.
    const howWorks = /^(?:\S+ )?how (?:does|do) (?:\S+ ){1,3}?work\b/.exec(n.text);
    if (howWorks && ['standard', 'unknown', 'unassigned', 'due', 'stats'].includes(intent) && u.case === null) {
      intent = 'help';
      explanation.push(`grammar: "${howWorks[0]}" asks how Heard works`);
    }
    // "what's Hana's on time rate": a rate or figures is statistics, whatever list the classifier leaned to.
    const figures = /\b(?:rate|percentage|percent|per cent|compliance|figures|stats|statistics|performance)\b/.exec(n.text);
    if (figures && (['due', 'overdue', 'unopened', 'unassigned', 'history'].includes(intent) || (intent === 'broadcast' && !BROADCAST.test(n.text))) && u.case === null) {
      intent = 'stats';
      explanation.push(`grammar: "${figures[0]}" asks for figures`);
    }
    // "is there a guide", "are you there": asking for the manual, or whether Heard is listening.
    if (intent === 'unknown' && /\b(?:user guide|guide|manual|instructions|tutorial|how to use (?:this|heard|you|it))\b/.test(n.text) && !offTopic) {
      intent = 'help';
      explanation.push('grammar: asks for a guide to Heard');
    } else if (/^(?:are you|you|anyone|anybody|is anyone|is anybody|heard are you|are you still) (?:there|awake|around|alive|listening|working)$/.test(n.text)) {
      intent = 'greeting';
      explanation.push('grammar: checks Heard is there');
    }
    // "total momo statements received last month?": a count.
    const total = /^(?:\S+ )?(?:total|number of|count of|no of)\b(?: \S+){0,3}? (?:statements?|visits?|reviews?|referrals?|conferences?|assessments?)\b/.exec(n.text);
    if (total && ['unknown', 'due', 'history', 'unopened', 'help'].includes(intent) && u.case === null) {
      intent = 'stats';
      explanation.push(`grammar: "${total[0]}" asks for a count`);
    }
    // "how many reviews were late last month": a count of what happened is figures, not a list.
    const counted = /^(?:\S+ ){0,3}?how many\b(?: \S+){0,4}? (?:were|was|did|have been|has been|had|came|got|went)\b/.exec(n.text);
    if (counted && ['due', 'overdue', 'unopened'].includes(intent)) {
      intent = 'stats';
      explanation.push(`grammar: "${counted[0]}" counts what happened`);
    }
    // "how many are waiting to be allocated": the queue, counted.
    const queue = /\b(?:unallocated|unassigned|waiting (?:to be|for) (?:allocat|assign)\S*|to be (?:allocated|assigned)|in the queue|need(?:s|ing)? (?:allocating|assigning)|not (?:yet )?(?:allocated|assigned))\b/.exec(n.text);
    if (queue && intent === 'stats' && dates.length === 0) {
      intent = 'unassigned';
      explanation.push(`grammar: "${queue[0]}" asks about the queue`);
    }
    const broadcast = BROADCAST.exec(n.text);
    // "I sent a notice this morning - has everyone read it?": "it" is the notice.
    const report = DELIVERY_REPORT.exec(n.text)
      ?? (/\b(?:notice|broadcast|announcement|message)\b/.test(n.text) ? /\b(?:has|have|did|was) (?:\S+ ){1,3}?(?:read|seen|got|opened|received) it\b/.exec(n.text) : null);
    // "have I read my messages": the asker's own reading is statements, not a notice's delivery.
    if (report && !moving && !/\b(?:have i|did i|i have|i ve|i)(?: not| still| already)? (?:read|seen|opened|got|received)\b/.test(n.text)) {
      intent = 'delivery-report';
      explanation.push(`grammar: "${report[0]}" asks for a delivery report`);
    } else if (broadcast && !moving && (intent !== 'away' || /\b(broadcast|announce|notice|announcement|message|alert|reminder)\b/.test(broadcast[0])) && (u.absence === null || u.absence === 'record')) {
      intent = 'broadcast';
      u.absence = null;
      explanation.push(`grammar: "${broadcast[0]}" sends a notice`);
    }
    // "CR-20417?" on its own: what has happened to it.
    const history = HISTORY_ASK.exec(n.text) ?? (u.case !== null ? HISTORY_OF_CASE.exec(n.text) ?? /^(?:(?:what about|and|about|re|show me|show|check) )?[a-z]{1,4}-\d{3,}$/.exec(n.text) : null);
    if (history && !moving && !moveOne && intent !== 'broadcast' && intent !== 'delivery-report' && (u.case !== null || !/^what/.test(history[0]))) {
      intent = 'history';
      explanation.push(`grammar: "${history[0]}" asks what happened`);
    }
    // "just back from a visit, what's due tomorrow": where the asker has been narrows nothing.
    const kindIn = (text: string) => kindOf(text
      .replace(/\b(?:back from|been on|been out on|just done|just finished|on my way to|off to) (?:a |an |the |my )?(?:\S+ )?(?:visit|review|conference|core group|meeting)s?\b/g, '')
      // Not Mind Of My Own's: "my court statement", "a witness statement"; a team's name: "duty and assessment".
      .replace(/\b(?:court|witness|police|section 7|s7|position) statements?\b|\bstatements? of evidence\b|\bduty (?:and |& )?assessment\b/g, ''));
    // The question's kind; a short question pointing back ("next CiC review for LM, when's it due") takes the message's.
    const kind = kindIn(asked.text) ?? (asked !== n && (asked.text.split(' ').length <= 5 || /\b(?:it|them|that|those|these|they)\b/.test(asked.text)) ? kindIn(n.text) : null);
    // "when is the next CiC review due for CR-20417?": a deadline of a case, not what a standard says.
    const deadline = /\b(due|deadlines?|next|when|coming up|upcoming|overdue|late|missed|outstanding)\b/.test(n.text);
    const aboutStandard = standardRef !== null || (u.case === null && dates.length === 0 && /\bwhat is the (?:deadline|time limit|timescale) for \S+ing\b/.test(n.text)) || /\b(how long|how many (working )?(days|hours|weeks)|how often|how soon|how quickly|timescales?|rule|what does|the standard|standards say)\b/.test(n.text);
    const caseDeadline = !aboutStandard && deadline
      && (u.case !== null || (kind !== null && /\b(next|my|i|have i|i have|i ve|coming up|upcoming)\b/.test(n.text)));
    // "what reviews have I got this month?", "Sam's reviews next month": case work asked about, whatever the classifier thought.
    const caseWork = kind !== null && kind !== 'statement' && !aboutStandard && (deadline || dates.length > 0 || /\b(have i got|i have got|i ve got|have i|do i have|has \S+ got)\b/.test(n.text))
      && !/\b(how many|how are|how is|how s|percentage|per cent|percent|rate|figures|numbers|stats|statistics|doing|performance|compliance)\b/.test(n.text)
      && (intent !== 'standard' || u.case !== null || dates.length > 0 || /\b(my|i|i ve|next|have i|mine)\b/.test(n.text))
      && !(intent === 'away' && ((u.absence !== null && u.absence !== 'record') || /\b(off|leave|sick|holiday|away|absent|cover|covering|back)\b/.test(n.text)));
    if (!offTopic && ((['standard', 'unknown', 'help', 'when'].includes(intent) && caseDeadline) || (['standard', 'unknown', 'help', 'when', 'stats', 'away', 'unassigned', 'unopened'].includes(intent) && caseWork))) {
      if (intent === 'away') u.absence = null;
      intent = /\b(overdue|late|missed|breached|behind)\b/.test(n.text) ? 'overdue' : 'due';
      explanation.push(`grammar: asks when ${u.case ?? 'a case'}'s ${kind ?? 'next deadline'} is due`);
    }
    if (intent === 'due' && /\b(?:overdue|late|breach|breaches|breached|missed|behind)\b/.test(asked.text) && !/\b(?:due|deadlines?)\b/.test(asked.text) && u.case === null) {
      intent = 'overdue';
      explanation.push('grammar: asks what is late, not what is due');
    }
    if (intent === 'overdue' && /\bdue\b/.test(asked.text) && !/\b(overdue|late|missed|behind|breach|breached|past|outstanding|not done)\b/.test(asked.text)) {
      intent = 'due';
      explanation.push('grammar: "due", and nothing said of late: what is due');
    }
    // "how is Sam getting on", "how's Jo doing with her statements": how someone is doing is figures, whatever else is named.
    const howIs = /^(?:\S+ )?how (?:is|s|are|am) (?:\S+ ){1,3}?(?:getting on|doing|coping|managing|performing|going|getting along|looking|shaping up)\b/.exec(n.text)
      ?? /^(?:\S+ )?how (?:did|has|have) (?:\S+ ){1,3}?(?:do|done|get on|got on|perform|performed|fare|fared)\b/.exec(n.text);
    if (howIs && ['due', 'overdue', 'unopened', 'standard', 'unknown', 'help', 'greeting', 'history'].includes(intent) && !/\b(?:what|which|when)\b/.test(n.text)) {
      intent = 'stats';
      explanation.push(`grammar: "${howIs[0]}" asks how someone is doing`);
    }
    if (!NO_KIND.has(intent)) u.kind = kind;
    u.standardRef = standardRef;
    u.intent = intent;
    if (intent === 'away' && u.absence === null) u.absence = 'record';
    // The range of a list or figures is what the question names; the rest of the message is context.
    const ranged = ['due', 'overdue', 'unopened', 'unassigned', 'stats'].includes(intent);
    this.fill(u, message, n, ranged ? questionDates : dates, today, span ? { message: message.slice(span.start, span.end), n: asked } : null);
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
      if (!question) return colleagueOf(message, n, mentions, u.case);
      const inQuestion = colleagueOf(question.message, question.n, findDates(question.n.text, today), u.case);
      if (inQuestion.person !== null || inQuestion.team !== null || !/\b(?:she|he|her|his|they|their|them)\b/.test(question.n.text)) return inQuestion;
      return colleagueOf(message, n, mentions, u.case);
    };
    const text = n.text;
    const words = text.split(' ');
    // "Monday morning - what's due this week", "Monday morning check - who's overdue": a day said
    // as a greeting names no range when another date follows, or when the question is what is late.
    const greetingDay = (d: DateMention, i: number) => i === 0 && d.kind === 'day' && d.firstWord <= 1 && (
      /^(?:check|catch|catchup|round|roundup|update|huddle)$/.test(words[d.lastWord + 1] ?? '')
      || (/^(?:morning|afternoon|evening|again)$/.test(words[d.lastWord + 1] ?? '') && (mentions.length > 1 || ['overdue', 'unopened'].includes(u.intent))));
    const dates = mentions.filter((d, i) => !greetingDay(d, i));
    const first = dates[0];
    const span = (d: DateMention | undefined) => (d ? { from: iso(d.from), to: iso(d.to) } : null);
    const uptoOrSpan = (d: DateMention | undefined) =>
      d && d.kind === 'day' && (d.prefix === 'by' || d.prefix === 'before' || d.prefix === 'until')
        ? { from: iso(Math.min(today, d.to)), to: iso(d.to) }
        : span(d);
    switch (u.intent) {
      case 'due':
      case 'overdue':
      case 'unopened': {
        const colleague = whose();
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
        const asked = question && /[.!?…]\s*$/.test(message.slice(0, message.indexOf(question.message))) && !/\b(?:they|them|their)\b/.test(question.n.text) ? question.n.text : text;
        const all = ALL_WORDS.test(asked);
        const team = all || (TEAM_WORDS.test(asked) && !/\bmy (own )?(statements|list|deadlines)\b|\bnot (?:for )?(?:the|my) team\b|\bpersonally\b|\bjust (?:me|mine)\b/.test(asked));
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
        // "our on-time rate" is the service's, as "how are we doing" is; "our team" is the team's.
        u.scope = u.person !== null || colleague.team !== null ? 'team' : ALL_WORDS.test(text) ? 'all' : /\bteam\b/.test(text) ? 'team' : /\b(my|me|i|mine)\b/.test(text) ? 'me' : 'all';
        u.range = span(first);
        return;
      }
      case 'reassign':
        this.fillReassign(u, message, n, dates, today);
        return;
      case 'away':
        if (u.absence === 'who') {
          u.scope = ALL_WORDS.test(text) ? 'all' : 'team';
          const asked = AWAY_QUESTION.exec(text) ?? AWAY_ASKED_BARE.exec(text);
          const name = asked ? nameFrom(message, n, text.split(' '), wordIndexOf(text, asked.index + asked[0].indexOf(asked[1])), dateWords(dates)) : null;
          if (name) u.person = name.text;
          // "Will's not picking up, is he on a/l?": the person the pronoun points back to.
          else if (/\b(?:he|she|they)\b/.test(text)) u.person = colleagueOf(message, n, dates, u.case).person;
        }
        else if (u.absence === 'record' || u.absence === 'cancel') this.fillAway(u, message, n, dates, today);
        return;
      case 'broadcast':
        this.fillBroadcast(u, message, n);
        return;
      default:
        return;
    }
  }

  private fillReassign(u: Understanding, message: string, n: Normalised, dates: DateMention[], today: number): void {
    const words = n.text.split(' ');
    const isDate = dateWords(dates);
    const nameAt = (i: number) => nameFrom(message, n, words, i, isDate);
    // "can Ali take Sam's …", "could Priya cover Jo's statements", "make sure Jo picks up Hana's stuff"
    const canTake = /\b(?:can|could|will|make sure|ask|get|let) (\S+(?: \S+)?) (?:to )?(?:take|takes|have|pick up|picks up|cover|covers|look after|looks after)\b/.exec(n.text)
      ?? /^(\S+(?: \S+)?) (?:to|will|should|can) (?:take over|take|pick up|cover|have|look after)\b/.exec(n.text)
      ?? /\b(?:covered|picked up|taken over|looked after|held) by (\S+(?: \S+)?)/.exec(n.text);
    if (canTake) {
      const name = nameAt(wordIndexOf(n.text, canTake.index + canTake[0].indexOf(canTake[1])));
      if (name) u.target = name.text;
    }
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (!u.target && (w === 'to' || w === 'onto' || (w === 'with' && i > 0)) && !isDate(i + 1)) {
        const name = words[i + 1] === 'me' ? { text: 'me', last: i + 1 } : nameAt(i + 1);
        if (name) u.target = name.text;
      }
      if (!u.person && words[i + 1] === "'s" && !isDate(i)) {
        const start = nameStart(words, i, isDate);
        if (start !== null) {
          const name = nameAt(start);
          if (name && name.last === i) u.person = name.text;
        }
      }
      if (!u.person && (w === 'of' || w === 'from' || w === 'for') && !isDate(i + 1)) {
        const name = nameAt(i + 1);
        if (name && name.text !== u.target) u.person = name.text;
      }
    }
    // "reassign everything Femi has to Joanne"
    const holder = /\b(?:everything|all|anything|whatever|what) (\S+(?: \S+)?) (?:has|s got|has got|holds|is holding|is working on)\b/.exec(n.text);
    if (!u.person && holder) {
      const name = nameAt(wordIndexOf(n.text, holder.index + holder[0].indexOf(holder[1])));
      if (name && name.text !== u.target) u.person = name.text;
    }
    // "Kate Morris has left - please move all her statements to Andy": whose, by who the message is about.
    const aboutSomeone = /\b(?:his|her|their) (?:statements|cases|work|stuff|caseload|ones|new ones)\b/.test(n.text)
      ? /(?:^|\s)(\S+(?: \S+)?) (?:is|s|'s|has|was) (?:off|on|away|out|leaving|left|gone|going|moving|moved|changed|transferred|resigned|retired|absent|sick|not)\b/.exec(n.text) : null;
    if (!u.person) u.person = personIn(aboutSomeone, n.text, nameAt, u.target);
    // "reassign Sam to Priya"
    const verbThenName = /\b(?:move|reassign|transfer|switch|redirect|shift) (\S+)/.exec(n.text);
    if (!u.person && verbThenName && !['my', 'all', 'the', 'them', 'these', 'those', 'statements', 'it', 'everything', 'some'].includes(verbThenName[1])) {
      const name = nameAt(wordIndexOf(n.text, verbThenName.index + verbThenName[0].length - verbThenName[1].length));
      if (name && name.text !== u.target) u.person = name.text;
    }
    const self = !u.person && isAboutOwnWork(n.text);
    u.scope = self || (!u.person && !u.target) ? 'me' : 'team';
    if (self) u.person = null;
    const until = dates.find((d) => d.prefix === 'until' || d.prefix === 'back' || d.prefix === 'by') ?? dates.find((d) => d.kind === 'period');
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

  private fillAway(u: Understanding, message: string, n: Normalised, dates: DateMention[], today: number): void {
    const text = n.text;
    const words = text.split(' ');
    const isDate = dateWords(dates);
    const nameAt = (i: number) => nameFrom(message, n, words, i, isDate);
    // The cover: "Ali is covering", "cover is Ali", "covered by Ali", "with Ali covering".
    const coverBefore = /(?:^|\s)(\S+(?: \S+)?) (?:is |will be |to be |can |has |s )?(?:covering|covers|cover for|will cover|to cover|is going to cover|will pick up|is picking up|picks up|will look after|is looking after|will take over|is taking over)\b/.exec(text);
    const coverAfter = /\b(?:cover(?:ed)?|covering)(?: is| will be| by| from| being| it s| is going to be)? (\S+)/.exec(text);
    // "put me down as cover": the asker covers.
    const meCovering = /\b(?:put|have|mark|book) me (?:down )?(?:as|for) (?:the |their |his |her )?cover\b|\bi (?:will|ll|can|am going to|m going to|am) cover(?:ing)?\b/.test(text);
    const coverIs = /(?:^|\s)(\S+(?: \S+)?) (?:is|will be|s) (?:my |the |our )?cover\b/.exec(text)
      ?? /(?:^|\s)(\S+) (?:has |have |is |s )?(?:kindly |very kindly )?(?:agreed|offered|volunteered|said (?:she|he|they) would|said (?:she|he|they) will|is going|will) to (?:cover|keep an eye|look after|pick up|hold)\b/.exec(text)
      ?? /(?:^|\s)(\S+) (?:will|is going to|said (?:she|he|they) (?:would|will|d|ll)|can|has agreed to) keep an eye\b/.exec(text)
      ?? /\b(?:can|could|will) (\S+(?: \S+)?) cover\b/.exec(text);
    u.target = (meCovering ? 'me' : null)
      ?? personIn(coverIs, text, nameAt)
      ?? (coverAfter ? nameAt(wordIndexOf(text, coverAfter.index + coverAfter[0].length - coverAfter[1].length))?.text ?? null : null)
      ?? personIn(coverBefore, text, nameAt);
    // Whose absence: the asker unless a name is its subject.
    const subject = /(?:^|\s)(\S+(?: \S+)?) (?:is|s|'s|will be|has been|has|was) (?:off|away|on|out|sick|absent|going|gone|taking|not in|unwell|ill|booked)\b/.exec(text)
      ?? /^(\S+(?: \S+)?) (?:off|away|sick|on annual leave|on leave|absent|out)\b/.exec(text);
    const booked = /\b(?:book|log|record|mark|put|set|add) (\S+(?: \S+)?) (?:as |off|on|away|out|sick|absent|down)/.exec(text);
    const possessive = /(?:^|\s)(\S+) s (?:annual leave|leave|absence|sickness|holiday|time off)\b/.exec(text);
    u.person = personIn(subject, text, nameAt, u.target) ?? personIn(booked, text, nameAt, u.target) ?? personIn(possessive, text, nameAt, u.target);
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
function questionSpan(message: string): { start: number; end: number } | null {
  const sentences: { start: number; end: number; question: boolean }[] = [];
  let start = 0;
  for (const stop of message.matchAll(/[.!?…]+(?=\s|$)/g)) {
    sentences.push({ start, end: stop.index, question: stop[0].includes('?') });
    start = stop.index + stop[0].length;
  }
  if (message.slice(start).trim() !== '') sentences.push({ start, end: message.length, question: false });
  const asks = (from: number, to: number) => ASKS.test(normalise(message.slice(from, to)).text);
  const asking = sentences.filter((x) => asks(x.start, x.end));
  const chosen = [...asking].reverse().find((x) => x.question) ?? asking[asking.length - 1];
  if (!chosen) return null;
  // Its first part that asks something: "5pm friday and im desperate to log off — is anything of mine due?"
  let from = chosen.start;
  for (const cut of message.slice(chosen.start, chosen.end).matchAll(/[,;]+(?=\s)|\s[-–—]+\s/g)) {
    if (asks(from, chosen.start + cut.index)) break;
    from = chosen.start + cut.index + cut[0].length;
  }
  let end = chosen.end;
  const next = sentences[sentences.indexOf(chosen) + 1];
  if (next && !asks(next.start, next.end) && normalise(message.slice(next.start, next.end)).text.split(' ').length <= 3) end = next.end;
  const whole = message.slice(0, from).trim() === '' && message.slice(end).replace(/[.!?…\s]/g, '') === '';
  return whole ? null : { start: from, end };
}

/**
 * The person a match's first group names: a name starting at the group's first word or, past
 * a word that is not one ("Patience has kindly agreed to cover"), at the next — never `not`
 * (the other person the message names). Null without a match or a name.
 */
function personIn(m: RegExpExecArray | null, text: string, nameAt: (i: number) => { text: string } | null, not: string | null = null): string | null {
  if (!m) return null;
  const i = wordIndexOf(text, m.index + m[0].indexOf(m[1]));
  for (const start of [i, i + 1]) {
    const name = nameAt(start);
    if (name && name.text !== not) return name.text;
  }
  return null;
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

/** "is Hana away?", "when is Ali back", "is Sam in today": a question about one person's absence. */
const AWAY_QUESTION = /^(?:(?:hi|hey|morning|quick question|just checking|sorry) )?(?:is|has|when is|when s|when will|when does|when do|will|do you know (?:if|when|whether)|any idea (?:if|when)|is it true) (\S+(?: \S+)?) (?:be |going to be |get |come |coming |gone |been )?(?:back|off|away|in today|in tomorrow|in the office|in work|out|on leave|on annual leave|on holiday|sick|off sick|absent|returning|around|about today|booked (?:any |some )?(?:leave|annual leave|holidays?|time off))\b/;

/** "Priya back Monday?", "Ali off tomorrow?" (read as a question only when it ends with "?"). */
const AWAY_ASKED_BARE = /^(\S+(?: \S+)?) (?:back|off|away|in|on leave|off sick) (?:on |this |next )?(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|this week)$/;

/** Words after a name that say the question is about that person ("for Ali this week", "for Ali?"). */
const AFTER_NAME = /^(?:$|please\b|w\/c\b|w\/b\b|week commencing\b|week beginning\b|thanks\b|pls\b|at the moment|right now|now\b|then\b|yet\b|at all|currently|so far|today|tomorrow|this|next|last|in the|over the|by|before|until|on|at|and|or|too|as well|in total|overall|got|has|have)/;

/**
 * Whose work a question asks about, when it is someone else's — "what's overdue for Ali",
 * "show me Sam's statements", "what has Priya got due", "how is Sam getting on" — or the
 * team it names ("the Riverside team", "in Westside"). A child's initials are a case, not a person.
 */
function colleagueOf(message: string, n: Normalised, dates: DateMention[], caseName: string | null): { person: string | null; team: string | null } {
  const found = whoseWork(message, n, dates, caseName);
  return found.person !== null && PLACE.test(found.person) ? { person: null, team: found.person } : found;
}

/** A team's name by the look of a place ("Riverside", "Northfield", "West Hill"): not a person. */
const PLACE = /^(?:(?:north|south|east|west|mid|central|city|upper|lower)\S*|\S+(?:side|field|fields|bury|borough|dale|gate|bridge|shire|minster|mouth|port|hill|moor|vale))(?:\s\S+)?$/i;

function whoseWork(message: string, n: Normalised, dates: DateMention[], caseName: string | null): { person: string | null; team: string | null } {
  const text = n.text;
  const words = text.split(' ');
  const isDate = dateWords(dates);
  const notCase = <N extends { text: string }>(name: N | null) => (name && (caseName === null || name.text.replace(/\./g, '').toUpperCase() !== caseName) ? name : null);
  const nameAt = (i: number) => notCase(nameFrom(message, n, words, i, isDate));
  const namedTeam = /\b(?:the |in |for |at )?((?:[a-z][a-z-]* ){1,2})team\b/.exec(text);
  if (namedTeam) {
    const start = wordIndexOf(text, namedTeam.index + namedTeam[0].indexOf(namedTeam[1]));
    const name = nameAt(start);
    if (name && name.last === wordIndexOf(text, namedTeam.index + namedTeam[0].length) - 1) return { person: null, team: name.text };
  }
  for (let i = 0; i < words.length; i++) {
    if (words[i + 1] === "'s" && !isDate(i)) {
      const start = nameStart(words, i, isDate);
      const name = start === null ? null : nameAt(start);
      if (name && name.last === i) return words[i + 2] === 'team' ? { person: null, team: name.text } : { person: name.text, team: null };
    }
  }
  // "what Hana has overdue", "what Ali s got due"
  const subject = /\bwhat (\S+(?: \S+)?) (?:has|s got|has got|have|needs|must|still has) /.exec(text);
  if (subject) {
    const name = nameAt(wordIndexOf(text, subject.index + subject[0].indexOf(subject[1])));
    if (name && ['has', 's', 'have', 'needs', 'must', 'still'].includes(words[name.last + 1])) return { person: name.text, team: null };
  }
  const asked = /\b(?:has|does|is|did|will|can|for|about|with|check on|how s|how is|how are things with|update on|what about) (\S+)/g;
  for (const m of text.matchAll(asked)) {
    const start = wordIndexOf(text, (m.index ?? 0) + m[0].length - m[1].length);
    const longest = nameAt(start);
    // "how is Ali coping": the name is as long as what follows it allows.
    for (let last = longest?.last ?? -1; last >= start; last--) {
      const rest = words.slice(last + 1).join(' ');
      const verb = /^(?:for|about|with|check on|update on|what about)\b/.test(m[0]) ? AFTER_NAME.test(rest) || /^(?:s |'s )/.test(rest) : /^(?:got|get|not (?:done|got|finished|completed|sent|opened|read)|have|has|had|overdue|behind|late|due|missed|let|left|slipped|forgotten|getting|doing|do\b|going|done|performing|coping|managing|keeping|opened|read|any|anything|on top|up to date|caught up|working on|dealing with|handling|busy with|s |'s )/.test(rest);
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
  if ((words.length <= 3 && /^\S+(?: \S+)? (?:overdue|due|late|deadlines|list|stuff)\b/.test(text)) || /^\S+(?: \S+)? (?:overdue|due|late) (?:list|items|stuff|deadlines)\b/.test(text) || /^\s*\S+(?:\s\S+)?\s*[-:–—]\s/.test(message)) {
    const name = nameAt(0);
    if (name && (words[name.last + 1] === undefined || /^(?:overdue|due|late|deadlines|list|stuff|anything|any|what|whats|is|has)$/.test(words[name.last + 1]))) {
      return PLACE.test(name.text) ? { person: null, team: name.text } : { person: name.text, team: null };
    }
  }
  // "southside overdue list": a team named first, then what is asked of it.
  if (/^\S+(?: \S+)? (?:team )?(?:overdue|due|late|deadlines|breaches|list|stats|figures|performance|compliance|on time|rate|timescales|numbers)\b/.test(text)) {
    const name = nameAt(0);
    if (name && PLACE.test(name.text)) return { person: null, team: name.text };
  }
  const inTeam = /\b(?:in|at|across) (\S+)/g;
  for (const m of text.matchAll(inTeam)) {
    const name = nameAt(wordIndexOf(text, (m.index ?? 0) + m[0].length - m[1].length));
    if (name && AFTER_NAME.test(words.slice(name.last + 1).join(' '))) return { person: null, team: name.text };
  }
  // "is anything in Riverside overdue?", "any of the Riverside core groups": a place is a team.
  for (const m of text.matchAll(/\b(?:the|in|at|across|for|of|from) (\S+)/g)) {
    const word = m[1];
    if (!PLACE.test(word) || /^(?:in|out|be|a|up|down|off|country|along|road|water|sea|river)side$/.test(word)) continue;
    const name = nameAt(wordIndexOf(text, (m.index ?? 0) + m[0].length - word.length));
    if (name && PLACE.test(name.text)) return { person: null, team: name.text };
  }
  return { person: null, team: null };
}

/**
 * Asks no answer of Heard's serves: errands (phoning, emailing, printing, booking a room),
 * where to find things, contact details, setting a personal reminder.
 */
const OFF_TOPIC = new RegExp(
  '^(?:(?:hi|hey|morning|please|pls|sorry|quick one) )*(?:' +
  '(?:(?:can|could|would|will) you (?:please )?|please )?(?:ring|phone|call|email|e mail|print|fax|post out|order|book (?:me )?(?:a |the )?(?:room|meeting room|car|pool car|taxi|interpreter)|arrange (?:a |the )?(?:room|taxi|interpreter|transport|contact))' +
  '|where (?:do|can|could|would|should) (?:i|we|you) (?:find|get|look|go|locate|access)' +
  '|what is \\d+ (?:plus |minus |times |x |divided by )?\\d+$' +
  '|what is (?:the )?(?:phone |telephone |contact |direct )?(?:number|phone number|extension|email address|address) (?:for|of)' +
  '|where (?:is|are) (?:the|a|an)\\b(?! (?:queue|participation|statements?|list|guide|user guide|help|instructions|manual))' +
  '|remind me to' +
  '|why (?:is|are|does|do) (?:everything|it always|life|work|everyone|mondays)' +
  ')\\b|\\b(?:(?:phone|telephone|mobile|contact) number|number for (?:the )?(?:\\S+ ){0,3}(?:team|service|office|desk|line|duty)|duty number|email address|postcode|contact details|weather|(?:fancy|anyone for|want) (?:a )?(?:coffee|tea|brew|cuppa|drink|lunch|biscuit)|(?:write|draft|type up|do) (?:my|a|the) (?:case notes?|notes?|report|letter|email|chronology)|what time does (?:the )?(?:\\S+ ){1,3}?(?:close|open|shut)|(?:sign off|approve|submit|fill in|do) (?:my |the )?(?:timesheet|time sheet|expenses|mileage claim|mileage|overtime|flexi)|(?:logging|logs|logged|kicking|kicks|locking|locks) me out|reset (?:my )?password|(?:laptop|computer|printer|vpn|wifi|outlook|mosaic|lcs|liquidlogic|eclipse|system) (?:is |keeps |won t |will not |isn t |is not |has )?(?:crashing|crashed|freezing|frozen|broken|down|not working|logging|playing up))\\b',
);

/** "history of CR-20417", "timeline for AB", "what's happened with C-10442 so far". */
const HISTORY_ASK = /\b(?:history|histories|timeline|time line|audit trail|trail for|trail of|paper trail|audit log|story so far|track record of|chronology(?: of events)?|what (?:has|have|s|is) (?:been )?happen(?:ed|ing)|what happened|what went on|what (?:has|is) gone on|everything that (?:has |is )?happened|what (?:has|is|have) been done|log of (?:actions|events|what happened))\b/;
/**
 * Asked of one named statement or case (a reference or initials must be found too): who
 * did something to it, whether or when it was done — "who acknowledged CR-20417?", "was
 * CR-20388 downloaded?", "when was it opened and by who", "what's the story with C-10442".
 */
const HISTORY_OF_CASE = /\b(?:who (?:is|has|s) got|who (?:has |is |s )?had|who (?:has|owns|is dealing with|is working on)|whose is|who (?:has )?(?:opened|downloaded|read|acknowledged|saved|assigned|allocated|reassigned|closed|looked at|dealt with|picked up)|(?:was|has|when was|when did|did anyone|has anyone) (?:\S+ ){1,3}?(?:been )?(?:opened|downloaded|read|acknowledged|saved|assigned|allocated|reassigned|closed|picked up|dealt with|told)|what is the (?:story|latest|update) (?:with|on)|(?:latest|update|updates|progress) on|what is happening (?:with|on)|events (?:on|for))\b/;

/** Intents that narrow to no kind of deadline. */
const NO_KIND: ReadonlySet<Intent> = new Set(['reassign', 'away', 'broadcast', 'delivery-report', 'history', 'greeting', 'help', 'unknown', 'when']);

/** A statement's reference: letters, a hyphen, digits (`CR-20430`, `C-1001`). */
const STATEMENT_REF = /\b([a-z]{1,4}-\d{3,})\b/;
/** "reassign CR-20430 to Sam", "assign CR-20388 to Hana", "give cr-20430 to me". */
const MOVE_ONE = /\b(?:re-?assign|assign|move|give|pass|transfer|allocate|hand|send|switch|change)\b(?: \S+){0,3}? [a-z]{1,4}-\d{3,}(?: \S+){0,3}? (?:to|onto) \S+/;
/** Whom a notice goes to: everyone, a role, a team. */
const AUDIENCE = '(?:everyone|everybody|all staff|all (?:the |of the )?(?:\\S+ )?(?:managers|workers|social workers|staff|teams|officers|people|practitioners)|all (?:the )?\\S+|every team|(?!(?:me|us|him|her|them|it)\\b)(?:the |my |our )?(?:(?!(?:what|which|who|how|when|whether|if|me|us)\\b)\\S+ ){0,2}(?:team|teams|managers|workers|officers|staff)|the whole service)';
/** A notice Heard has sent for someone: "my notice", "the broadcast", "that message". */
const NOTICE = '(?:my|the|that|this|last|our|\\S+ \'s) (?:\\S+ ){0,3}?(?:notice|notices|broadcast|broadcasts|announcement|announcements|message|messages|alert|reminder)';
/** Asking to send a notice to many people. */
const BROADCAST = new RegExp(
  '\\b(broadcast|announce|send (?:(?:out )?(?:a|an|the) )?(?:notice|message|announcement|note|update|reminder|alert|broadcast)s? (?:out )?to' +
  `|(?:post|put out|put up|send out|do|write|create|new) (?:a |an )?(?:notice|announcement|broadcast|alert)s? (?:for|to)` +
  // "send Northfield a notice that the portal is down"
  `|send (?:(?!(?:me|us|you)\\b)\\S+ ){1,3}(?:a|an) (?:notice|message|announcement|note|update|reminder|alert|broadcast)` +
  `|^(?:new )?(?:notice|announcement|broadcast|message|alert) (?:to|for) ${AUDIENCE}` +
  `|(?:tell|message|notify|inform|remind|ping|alert|warn) ${AUDIENCE}` +
  `|let ${AUDIENCE}(?: (?:in|at|on|from|across) (?:the )?(?:\\S+ ){0,3}?(?:team|teams|service|office))? know)\\b`,
);
/** Asking how a notice or reassignment news went. */
const DELIVERY_REPORT = new RegExp(
  '\\b(delivery (?:report|status|receipts?)|read receipts?|how did (?:my|the) (?:notice|broadcast|message|announcement) go|broadcast (?:the )?(?:change|reassignment|move)s?' +
  `|who (?:has|have|hasn t|has not|haven t|have not|did not|didn t|is|still has not|has still not|still hasn t)?(?: not| still)? ?(?:read|got|get|received|seen|opened|acknowledged) ${NOTICE}` +
  `|(?:has|have|did|was|were|is) (?:\\S+ ){0,4}?(?:read|seen|see|get|got|received|receive|opened|open|acknowledged|acknowledge|delivered) ${NOTICE}` +
  `|(?:which|how many|has|have|did) (?:\\S+ ){0,4}?(?:read|seen|received|opened|acknowledged|got) ${NOTICE}` +
  `|(?:anyone|anybody|everyone|everybody|people|someone) (?:still )?(?:not|has not|have not|hasn t|haven t|who has not|who hasn t|that has not|that hasn t) (?:yet )?(?:read|seen|opened|got|received|acknowledged) ${NOTICE}` +
  `|${NOTICE} (?:been |was |were |get |got |gone |go )?(?:delivered|read|seen|received|opened|through|go|went|land|landed|reached|reach|gone out|go out|went out|sent)` +
  `|(?:status|report|stats|figures|responses?|replies) (?:of|on|for|to) ${NOTICE})\\b`,
);

/**
 * What an absence message asks, by grammar: who is away, whether I am, cancelling, being
 * back; or null when nothing of that shape is said (the classifier's `away` then means record).
 */
function absenceAsk(text: string, hasDate: boolean): AbsenceAsk | null {
  const away = '(?:off|away|on leave|on annual leave|on holiday|on holidays|on a l|on annual|out of (?:the )?office|absent|sick|off sick|on training|not in)';
  // "Will's not picking up, is he on a/l?": whether the person named is away.
  if (new RegExp(`\\b(?:is|has) (?:he|she|they) (?:been |gone |going )?${away}\\b`).test(text) && !/\b(?:overdue|due|breached|late|statements?)\b/.test(text)) return 'who';
  if (new RegExp(`\\b(?:who s|who is|who are|whos|who has|anyone|anybody|is anyone|is anybody|are any of|which of my (?:team|workers|staff|people)(?: is| are)?)\\b(?: \\S+){0,4}? ${away}\\b`).test(text) && !/\b(?:overdue|due|breached|late)\b/.test(text)) return 'who';
  const asked = AWAY_QUESTION.exec(text);
  if (asked && asked[1].split(' ').some(isNameWord) && !/\b(?:overdue|due|breached|late|statements?)\b/.test(text)) return 'who';
  if (/\b(?:who has|who s got|who has got) (?:booked )?(?:leave|time off|annual leave|holiday)\b|\b(?:list|show)(?: me)? (?:the )?(?:team s )?(?:absences|leave|holidays|who is off)\b|\bteam (?:absences|leave|holidays)\b/.test(text)) return 'who';
  if (/\b(?:am i|i am|am i still|is my leave|is my absence|have i got|do i have|have i) (?:down|booked|marked|recorded|showing|listed|set|put down|any leave|leave booked|any absence|any holidays?)\b|\b(?:show|list|check)(?: me)? my (?:leave|absences?|holidays?|annual leave|time off)\b|\bwhen is my (?:leave|holiday|annual leave|absence)\b|\bwhat (?:leave|holiday|absences?) (?:have i|do i have)\b/.test(text)) return 'mine';
  if (/\b(?:cancel|delete|remove|scrap|undo|withdraw|take back|drop|call off)\b(?: \S+){0,3}? (?:leave|absence|holiday|holidays|a l|annual leave|time off|sickness|training day)\b|\bnot (?:going on|taking) (?:leave|holiday|annual leave|the leave)\b|\bno longer (?:off|away|on leave)\b/.test(text)) return 'cancel';
  if (!hasDate && /^(?:(?:hi|hello|morning|good morning|hey)\s+)?(?:i am|i m|im) back\b|\b(?:back (?:at work|in work|in the office|from leave|from holiday|from sick leave|from annual leave)|(?:i have|i ve) returned|returned to work|i am back now)\b/.test(text)) return 'back';
  return null;
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
  return /\b(my(?: \S+){0,3}? (statements?|cases?|work|caseload|stuff|ones|lot|kids|allocations?)|mine|all of mine)\b/.test(words)
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
  while (last + 1 < words.length && last - i < 2 && isNameWord(words[last + 1]) && !isDate(last + 1)) last++;
  if (last < i) return null;
  return { text: wordsAsTyped(message, n, i, last), last };
}

/** Where a name ending at word `end` starts (up to three words back). */
function nameStart(words: string[], end: number, isDate: (i: number) => boolean): number | null {
  if (!isNameWord(words[end]) || isDate(end)) return null;
  let start = end;
  while (start - 1 >= 0 && end - start < 2 && isNameWord(words[start - 1]) && !isDate(start - 1)) start--;
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

function isNameWord(word: string | undefined): boolean {
  return word !== undefined && /^\p{Ll}[\p{Ll}-]*$/u.test(word) && !NOT_NAMES.has(word);
}

const CLOCK_WORDS: Readonly<Record<string, WhenQuestion['clock']>> = {
  day: 'calendar-days', days: 'calendar-days', hour: 'hours', hours: 'hours', week: 'weeks', weeks: 'weeks', month: 'months', months: 'months',
};

/** "N (working) days/hours before|after|from D": the working-time arithmetic question, or null. */
function whenQuestion(text: string, dates: DateMention[]): WhenQuestion | null {
  const m = /\b(\d{1,4}|[a-z]+) (working |business |calendar |clear |work )?(days?|hours?|weeks?|months?)( time)? (before|after|from|prior to|ahead of|since|back from|on from|following|in advance of|later than|earlier than|of)\b/.exec(text)
    ?? /\b(?:add|adding|plus) (\d{1,4}|[a-z]+) (working |business |calendar |work )?(days?|hours?|weeks?|months?)( time)? (to|onto|on to|on)\b/.exec(text);
  if (!m) return null;
  // "off for 2 weeks from Monday": how long someone is away; "N days of" only as "within N working days of".
  if (/\b(?:off|away|leave|holiday|sick|out|absent) for $/.test(text.slice(0, m.index))) return null;
  if (m[5] === 'of' && !/\bwithin $/.test(text.slice(0, m.index))) return null;
  const amount = numberOf(m[1]);
  if (amount === null || amount < 1) return null;
  const working = m[2] === 'working ' || m[2] === 'business ' || m[2] === 'work ';
  const unit = m[3];
  let clock = CLOCK_WORDS[unit];
  if (working && unit.startsWith('day')) clock = 'working-days';
  if (working && unit.startsWith('hour')) clock = 'working-hours';
  const direction: WhenQuestion['direction'] = ['before', 'prior to', 'ahead of', 'back from', 'in advance of', 'earlier than'].includes(m[5]) ? 'before' : 'after';
  const after = m.index + m[0].length;
  const afterWord = text.slice(0, after).split(' ').length;
  // The date after the phrase ("… before 12 March"), or one named earlier ("if it came in on 28 Dec, … after that").
  // "review is on 22/6, what's 5 working days before": the one date named, when nothing follows the phrase.
  const anchorMention = dates.find((d) => d.firstWord >= afterWord - 1)
    ?? (/^ (that|then|it)\b/.test(text.slice(after)) || (/^(?: (?:that|then|it|this|please|pls))?$/.test(text.slice(after)) && dates.length === 1) ? dates[dates.length - 1] : undefined);
  if (!anchorMention) return { amount, clock, direction, anchor: null, anchorMinutes: null };
  return { amount, clock, direction, anchor: iso(anchorMention.from), anchorMinutes: anchorMention.minutes };
}
