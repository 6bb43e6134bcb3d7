import { kindOf, type DeadlineKind } from './case-words';
import type { DateMention } from './dates';
import { isNameWord } from './name-words';
import type { Normalised } from './normalise';

/**
 * The grammar that decides a message's intent after the classifier (`intent-classifier.ts`)
 * has had its say: shapes of words that settle what is asked whatever the classifier
 * leaned to — moving work, a notice to send, an absence stated, a case's deadline, figures,
 * a question about a standard — each rule commented with the messages it is for and
 * covered by the labelled sets. Rules run in order; a later one may correct an earlier.
 */

/** The intents of `heard parse` (interfaces.md). */
export const INTENTS = [
  'due', 'overdue', 'unopened', 'team-due', 'team-overdue', 'unassigned', 'reassign', 'away',
  'when', 'standard', 'stats', 'help', 'greeting', 'unknown', 'broadcast', 'delivery-report', 'history',
] as const;

/** @example const i: Intent = 'team-due'; */
export type Intent = (typeof INTENTS)[number];

/**
 * What an `away` message asks of absences: to `record` one ("I'm on leave until Friday"),
 * `who` is away ("who's off?", a manager's question), whether I am (`mine`: "am I down as
 * on leave?"), to `cancel` one ("cancel my leave"), or that I am `back` ("I'm back").
 *
 * @example const a: AbsenceAsk = 'who';
 */
export type AbsenceAsk = 'record' | 'who' | 'mine' | 'cancel' | 'back';

/** What the grammar is given: the message, how it was normalised, its question and dates, and the classifier's reading. */
export interface GrammarInput {
  message: string;
  n: Normalised;
  /** The question inside a longer message, normalised (`n` itself when the message is all question). */
  asked: Normalised;
  dates: DateMention[];
  /** The case, statement or child the message names (`caseOf`), or null. */
  caseName: string | null;
  /** A standard's number as written, or null. */
  standardRef: string | null;
  classified: { intent: Intent; score: number };
  /** How the message was read, step by step: each rule that fires adds its reason. */
  explanation: string[];
}

/** What the grammar decided. */
export interface GrammarReading {
  intent: Intent;
  /** `away`: what it asks of absences, when a rule said (null: the flows read it as `record`). */
  absence: AbsenceAsk | null;
  /** A statement's reference as written, upper-cased, or null. */
  statementRef: string | null;
  /** The kind of deadline asked about; null for intents that narrow to none. */
  kind: DeadlineKind | null;
}

/**
 * The intent of a message, by the grammar over the classifier's reading.
 *
 * @example
 * readIntent({ message, n, asked: n, dates, caseName: null, standardRef: null, classified: { intent: 'due', score: 0.97 }, explanation: [] }).intent; // 'due'
 */
export function readIntent(input: GrammarInput): GrammarReading {
  const { message, n, asked, dates, caseName, standardRef, explanation } = input;
  let absence: AbsenceAsk | null = null;
  let intent: Intent = input.classified.score >= 0.4 ? input.classified.intent : 'unknown';
  // The question decides ("what's due for the team in the next 3 days? xmas party fri").
  const offTopic = OFF_TOPIC.exec(asked.text) ?? (asked === n || !/\b(?:due|overdue|late|deadlines?|statements?|visits?|reviews?|queue|unassigned|opened)\b/.test(asked.text) ? OFF_TOPIC.exec(n.text) : null);
  if (offTopic && intent !== 'unknown') {
    intent = 'unknown';
    explanation.push(`grammar: "${offTopic[0]}" asks nothing Heard answers`);
  }
  // "pls move mark's to me til 9th oct", "reassign april's new ones to rose": someone's, to someone.
  const someones = /\b(?:move|reassign|give|pass|transfer|send|put)\b (?:all (?:of )?)?(?:\S+ ){1,2}'s (?:new ones |ones |lot |new |open )?(?:to|onto|with) \S+/.exec(n.text);
  if (someones && intent !== 'reassign') {
    intent = 'reassign';
    explanation.push(`grammar: "${someones[0]}" moves someone's work`);
  }
  // "give me Sam's statements while he's off": someone's work, to the asker, for a while.
  const toMe = TO_ME.exec(n.text);
  if (toMe && intent !== 'reassign') {
    intent = 'reassign';
    explanation.push(`grammar: "${toMe[0]}" moves someone's work to the asker`);
  }
  // "Dev's stmts -> Jo": whose work, then to whom, and nothing else.
  const moving = MOVING.exec(n.text) ?? /^(?:\S+ ){1,2}'s (?:statements?|cases?|work|caseload|stuff) (?:over )?to \S+(?: \S+)?(?: (?:pls|please|thanks|asap|until|till|from|for|while|whilst|over|during|next|this|today|tomorrow|w\/c|wc|week|on|starting|permanently|\d\S*)\b.*)?$/.exec(n.text);
  if (moving && intent !== 'reassign') {
    intent = 'reassign';
    explanation.push(`grammar: "${moving[0]}" moves statements`);
  }
  // "Mark's statements?", "Jade's visits this week": someone's list, asked with nothing else.
  const list = /^(?:(?:can i see|show me|what about|and|just) )?(?:\S+ ){1,2}'s (?:overdue )?(?:statements|visits|reviews|cases|deadlines|work|caseload|list|assessments|conferences|plans)(?: (?:due|overdue|this week|next week|today|tomorrow|please|pls|then))?$/.exec(n.text);
  if (list && !['due', 'overdue', 'unopened'].includes(intent)) {
    intent = /\boverdue\b/.test(list[0]) ? 'overdue' : 'due';
    explanation.push(`grammar: "${list[0]}" asks for someone's list`);
  }
  // "summer -> jade until fri": someone's work, to someone, with an arrow.
  if (/^\s*\S+(?:\s\S+)?(?:['’]s)?(?:\s+(?:statements|stmts|momos|cases|work|stuff))?\s*(?:->|→)\s*\S+/.test(message) && intent !== 'reassign') {
    intent = 'reassign';
    explanation.push('grammar: someone\'s work, with an arrow to someone');
  }
  // Working-time questions were decided by grammar above: a "when" left here with a date and
  // asking what is due ("what's due between 1 and 5 Dec") is the asker's list for those dates.
  if (intent === 'when' && dates.length > 0 && /\b(?:due|deadlines?)\b/.test(n.text) && !/\bwhen\b/.test(n.text)) {
    intent = 'due';
    explanation.push('grammar: what is due on dates, with no working time to work out');
  }
  // "diolch yn fawr", "bore da": thanks and hello in Welsh (councils in Wales work bilingually).
  if (/^(?:diolch(?: yn fawr)?(?: iawn)?|bore da|prynhawn da|noswaith dda|nos da|shwmae|helo|hello|hwyl(?: fawr)?)(?: heard| bot| everyone| all)?$/.test(n.text)) {
    intent = 'greeting';
    explanation.push('grammar: thanks or hello in Welsh');
  }
  // "night!", "bye for now": a goodbye.
  if (/^(?:good ?night|night|nite|night night|gn|bye|bye bye|goodbye|bye for now|see you|see ya|see you tomorrow|laters|ttyl|speak soon|have a good (?:evening|weekend|night))(?: heard| all| everyone| bot)?$/.test(n.text) && ['unknown', 'help', 'away'].includes(intent)) {
    intent = 'greeting';
    explanation.push('grammar: a goodbye');
  }
  // "merry christmas heard!": a greeting for the season.
  if (/^(?:(?:and )?(?:a )?(?:merry christmas|happy (?:new year|christmas|easter|friday|monday|holidays|bank holiday|hols))(?: to you)?(?: heard| everyone| all| bot)?)(?: and (?:a )?(?:merry christmas|happy new year))?$/.test(n.text)) {
    intent = 'greeting';
    explanation.push('grammar: a greeting for the season');
  }
  // "are there any RCPCs out of timescale for me?": late work.
  // ("items on my caseload which have exceeded their timescale", "whats red on my Liquidlogic dashboard": the same.)
  if (/\b(?:out of|outside(?: of)?|past|over|beyond|exceeded|gone over) (?:the |its |their )?timescales?\b|\bwhat (?:is|s) red\b|\bgone red\b|\bin the red\b|\bbreached (?:a|the|any|their|its) timescales?\b/.test(n.text) && ['unknown', 'standard', 'help', 'due', 'away', 'greeting', 'stats'].includes(intent)) {
    intent = 'overdue';
    explanation.push('grammar: out of timescale is late');
  }
  // "how my team did on statement timescales", "how did Northfield do with reviews": figures.
  if (/\bhow (?:my team|the team|we|our team|i|(?:\S+ ){0,2}\S+) (?:did|have done|has done|are doing|is doing|am doing)\b/.test(n.text) && ['standard', 'unknown', 'help', 'due', 'overdue', 'team-due', 'team-overdue'].includes(intent)) {
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
  if (canYou && dates.length === 0 && caseName === null && !moving) {
    intent = 'help';
    explanation.push(`grammar: "${canYou[0].trim()}" asks what Heard can do`);
  }
  // "is 1st Jan 2027 a bank holiday?": a calendar question.
  if (dates.length > 0 && /^(?:is|was|will) (?:\S+ ){1,5}?(?:be )?(?:a|an) (?:bank holiday|public holiday|working day|work day|business day|weekend|holiday|non working day)\b/.test(n.text) && ['unknown', 'due', 'help', 'standard', 'away'].includes(intent)) {
    intent = 'when';
    explanation.push('grammar: asks what kind of day a date is');
  }
  // "how do I record that I'm on leave": how to use Heard.
  // (Or its question alone: "sorry new to the council - how do i use heard to see my deadlines?".)
  const howTo = HOW_TO.exec(n.text) ?? (asked !== n ? HOW_TO.exec(asked.text) : null);
  if (howTo && caseName === null) {
    intent = 'help';
    explanation.push(`grammar: "${howTo[0]}" asks how to use Heard`);
  }
  // "when does an RCPC need to be held": when a kind of meeting or work is due, by the rule.
  const ruleWhen = /^when (?:does|do|should|must|is|are) (?:a|an|the) (?:\S+ ){1,5}?(?:need to be|have to be|has to be|needs to be|supposed to be|meant to be|be held|happen|take place|due by|be (?:told|seen|visited|sent|informed|given|offered|invited|acknowledged|contacted|notified|updated)|need doing|needs doing|need completing|needs completing|be done|be completed)\b/.exec(n.text);
  if (ruleWhen && caseName === null && !/\b(?:my|our|next|i|mine)\b/.test(n.text)) {
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
  if (((intent === 'broadcast' && !BROADCAST.test(n.text)) || (intent === 'delivery-report' && noNotice && !DELIVERY_REPORT.test(n.text))) && /\b(?:due|overdue|deadlines?|late|have i got|what have i got|coming up|breach\w*|missed)\b|\b(?:what|which|any) (?:\S+ ){0,3}(?:have|has) (?:\S+ ){1,3}got\b/.test(asked.text)) {
    intent = /\b(?:overdue|late|breach\w*|missed)\b/.test(n.text) ? 'overdue' : 'due';
    explanation.push('grammar: deadlines asked about, no notice to send');
  }
  if (standardRef && (intent === 'unknown' || intent === 'help' || intent === 'due' || intent === 'when' || intent === 'greeting')) {
    intent = 'standard';
    explanation.push(`grammar: "${standardRef}" names a standard`);
  }
  const ref = STATEMENT_REF.exec(n.text);
  const statementRef = ref ? ref[1].toUpperCase() : null;
  const moveOne = ref && MOVE_ONE.exec(n.text);
  if (moveOne) {
    intent = 'reassign';
    explanation.push(`grammar: "${moveOne[0]}" moves one statement`);
  }
  // "Ali Khan is on leave next wk, cover is Hana": an absence stated, not a question, is one to record.
  // (A hello first changes nothing: "Hi, I'm off on TOIL this afternoon".)
  const stated = n.text.replace(/^(?:(?:hi|hiya|hey|hello|morning|good morning|afternoon|good afternoon|evening|ok|so|right|fyi|heads up|just so you know|just to let you know)(?: heard| all| everyone| team)? )+/, '');
  const leaveStated = /\b(?:rang|called|phoned) in sick\b|\b(?:i am|i m|im) (?:at|on) (?:a |an |the )?(?:\S+ ){0,3}?(?:conference|course|training)\b|^(?:at|on|in) (?:a |an )?(?:conference|course|training|court)\b|^(?:i am|i m|im|i will be|i ll be) off (?:from|on|until|till|tomorrow|today|next|this|sick|for|all)\b|^(?:annual leave|on annual leave|on leave)\b(?! (?:for|policy|form|request))|^(?:putting|put|booking|logging) (?:my |in )?(?:annual leave|leave|a l|holiday)\b|^(?:ooo|out of (?:the )?office) (?:from|on|until|till|tomorrow|today|next|this|all|for)\b|^(?:please |pls )?(?:put|mark|book|log) me (?:down )?(?:as|for|on) (?:annual leave|leave|sick|off|away|holiday|training|toil|time off in lieu)\b|^(?:please |pls )?book me out\b|^(?:doing|attending|on|at) (?:my |a |the )?(?:\S+ ){0,2}(?:training|course)\b|^(?:a |my )?(?:flexi(?: day| leave| time)?|day off|lieu day|time off in lieu(?: day)?)\b|^off sick\b|^off (?:this afternoon|this morning|today|tomorrow|from|until|till|all day)\b|^(?:on|having|taking) (?:time off in lieu|flexi|a flexi day|a day off|annual leave)\b|\b(?:i am|i m|im|i will be|i ll be) (?:on|doing) (?:jury service|jury duty|study leave|a secondment|secondment)\b|^(?:i am |i m |im )?(?:starting|going on|beginning) (?:my )?(?:maternity |mat |paternity |adoption |shared parental |parental |annual |sick |study )?leave\b/.exec(stated) ?? /\b(?:is|am|are|will be|shall be|s|m) (?:on (?:annual |sick |paternity |maternity |study |compassionate )?leave|off sick|on holiday|on (?:a |an )?(?:training |residential )?course|on training|off work|absent|out of (?:the )?office|off (?:for|from|until|till|today|tomorrow|all) |on jury (?:service|duty))\b/.exec(n.text)
    ?? /^(?:i (?:have |ve )?)?(?:booked|booking|taking|got) (?:some |a |my )?(?:annual leave|leave|holiday|holidays|time off|a day off|days off|toil|lieu)\b/.exec(stated);
  if (leaveStated && intent !== 'away' && !moving && !howTo && !/^(?:is|are|am|when|who|whos|which|will|has|have|do|does|how)\b/.test(n.text)
    && !/\b(?:what|which|(?<!cover |pick up |picks up |take |handle |deal with )anything|any|how many|overdue|due|deadlines?|late(?! (?:visit|meeting|initial child protection conference|review child protection conference|review|night|one|shift|finish|start))|move|reassign|give|pass|cover (?:her|his|their|my) (?:statements|work|cases))\b/.test(n.text)) {
    intent = 'away';
    explanation.push(`grammar: "${leaveStated[0]}" states an absence`);
  }
  // "can you check this: is Frank away?": the question asked, before the message as a whole.
  const absenceAsked = (asked !== n ? absenceAsk(asked.text, dates.length > 0) : null) ?? absenceAsk(n.text, dates.length > 0)
    // "Priya back Monday?": asked, not said, so a question about someone's absence.
    ?? (/\?\s*$/.test(message) && AWAY_ASKED_BARE.exec(n.text)?.[1].split(' ').some(isNameWord) ? 'who' : null);
  if (absenceAsked && (absenceAsked !== 'record' || intent === 'away')) {
    if (intent !== 'away' || absenceAsked !== 'record') explanation.push(`grammar: asks ${absenceAsked === 'who' ? 'who is away' : absenceAsked === 'mine' ? 'whether I am down as away' : absenceAsked === 'cancel' ? 'to cancel an absence' : absenceAsked === 'back' ? 'to end an absence: back now' : 'to record an absence'}`);
    intent = 'away';
    absence = absenceAsked;
  }
  // "before I go off, check nothing of mine is overdue": a question about deadlines, whatever absence it mentions.
  // ("on TOIL monday after the late ICPC": a meeting that ran late asks nothing.)
  const deadlineAsked = /\b(overdue|late(?! (?:visit|meeting|initial child protection conference|review child protection conference|review|night|one|shift|finish|start))|breached|missed|due|deadlines?|needs? doing|need to do|to get done|needs? finishing)\b/.exec(n.text);
  const backAndAsking = absence === 'back' && /\b(?:overdue|due|late|deadlines?)\b/.test(asked.text) && asked !== n;
  // "Frank was meant to be covering my duty stuff - what's overdue for him?": the question's words, when it is asked apart.
  if (intent === 'away' && (absence === null || absence === 'record' || backAndAsking) && deadlineAsked && !/\b(cover|covering|covers|covered)\b/.test(backAndAsking ? asked.text : n.text)) {
    intent = /^(?:overdue|late|breached|missed)$/.test(deadlineAsked[1]) ? 'overdue' : 'due';
    absence = null;
    explanation.push(`grammar: "${deadlineAsked[0]}" asks about deadlines, not to record an absence`);
  }
  // "need to know the timescale for telling the child": what a standard says, when nothing else was understood.
  // ("list the visits I have due this week? I want to make sure each child is seen within timescales": the question's words.)
  const timescaleText = asked !== n && !/\b(?:it|that|this|they|them)\b/.test(asked.text) ? asked.text : n.text;
  const timescale = /\b(?:is there (?:a|any) (?:standard|rule|timescale) (?:for|on|about)|how quick (?:does|do|must|should|is)|how many (?:working |business |calendar )?(?:days|hours|weeks) (?:before|after|prior to|ahead of) (?:a|an|the|each|every)|how many (?:working |business |calendar )?(?:days|weeks|months) between|(?:is|are) (?:the |a |an )?(?:\S+ ){1,4}?\d+ (?:working |business )?(?:days|hours|weeks)|timescales?|time ?frames?|time limits?|how long (?:do|have|has|does) (?:i|we|you|the|a|an)|how many (?:working |calendar |business )?(?:days|hours|weeks) (?:do|have|does|will|would) (?:i|we|you|they|the)|how many (?:working |calendar |business )?(?:days|hours|weeks) to (?:complete|do|finish|acknowledge|open|assign|allocate|respond|hold|share|send|tell|visit|see)|(?:count )?working days or calendar days|how often (?:do|does|must|should|are|is)|how quickly (?:do|must|should)|how soon (?:do|must|should))\b/.exec(timescaleText.replace(/\b(?:out of|outside(?: of)?|past|over|beyond|in|within|on) (?:the |its |their )?timescales?\b/g, ''));
  const listLike = ['due', 'overdue', 'unopened', 'unassigned'].includes(intent) && caseName === null && dates.length === 0 && !/\b(?:my|mine|i have|i ve|have i|overdue|late)\b/.test(n.text.replace(/\bhow often do i\b/, ''));
  if (timescale && (intent === 'unknown' || intent === 'help' || intent === 'greeting' || (intent === 'when' && dates.length === 0) || listLike || (intent === 'stats' && /^how many/.test(timescale[0]))) && !offTopic && !/\bbreach\w* (?:a|the|any|their|its) timescales?\b|\bhitting (?:my |our |the |their )?(?:\S+ )?timescales\b/.test(n.text)) {
    intent = 'standard';
    explanation.push(`grammar: "${timescale[0]}" asks what a standard says`);
  }
  // "make sure Jo picks up Hana's stuff", "could Ali have my statements", "Dev's caseload covered by Jo": someone taking over work.
  const work = "(?:all (?:of )?)?(?:my|his|her|their|\\S+ 's) (?:statements?|cases?|work|stuff|caseload|allocations?|kids|momos|stmts)";
  const takeOver = new RegExp(`\\b(?:(?:pick|picks|picking|take|takes|taking) (?:up |over )?${work}|(?:can|could|will) \\S+(?: \\S+)? (?:have|take|cover|pick up) ${work}|${work} (?:covered|picked up|taken over|looked after|held) by|put ${work} with)\\b`).exec(n.text);
  const ownAbsence = leaveStated !== null && /^(?:i am|i m|i will be|i have|i ve|booked|booking|taking)\b/.test(n.text);
  if (takeOver && intent !== 'reassign' && !ownAbsence && !/^(?:who|which|what|has|is|did)\b/.test(n.text)) {
    intent = 'reassign';
    absence = null;
    explanation.push(`grammar: "${takeOver[0]}" moves work to someone`);
  }
  // "how does the queue work": how to use Heard.
  const howWorks = /^(?:\S+ )?how (?:does|do) (?:\S+ ){1,3}?work\b/.exec(n.text);
  if (howWorks && ['standard', 'unknown', 'unassigned', 'due', 'stats'].includes(intent) && caseName === null) {
    intent = 'help';
    explanation.push(`grammar: "${howWorks[0]}" asks how Heard works`);
  }
  // "what's Hana's on time rate": a rate or figures is statistics, whatever list the classifier leaned to.
  const figures = /\b(?:rate|percentage|percent|per cent|proportion|compliance|figures|stats|statistics|performance|timeliness|median|average|compare|comparison|hitting (?:my |our |the |their )?(?:\S+ )?timescales)\b/.exec(asked.text);
  if (figures && (['due', 'overdue', 'unopened', 'unassigned', 'history'].includes(intent) || (intent === 'greeting' && !offTopic) || (intent === 'unknown' && !offTopic && !/^(?:how do|how can|where)\b/.test(asked.text)) || (intent === 'broadcast' && !BROADCAST.test(n.text)) || (intent === 'standard' && dates.length > 0 && !standardRef)
    // "whats the median time to open a statement": what happens, not what the standard says.
    || (intent === 'standard' && !standardRef && /\b(?:median|average|mean) (?:time|number|days|hours|wait|delay)\b/.test(asked.text)) || intent === 'when') && caseName === null) {
    intent = 'stats';
    explanation.push(`grammar: "${figures[0]}" asks for figures`);
  }
  // "where does the 72 working hours thing come from": what the standard says.
  if (/^where (?:does|do|did) (?:the |this |that )?(?:\S+ ){1,6}(?:come from|say|says)\b/.test(n.text) && ['when', 'unknown', 'help', 'due'].includes(intent) && caseName === null) {
    intent = 'standard';
    explanation.push('grammar: where a rule comes from');
  }
  // "how many statements came in last week and how many were opened within 7 working hours?": figures.
  if (intent === 'when' && /^(?:\S+ ){0,12}?how many (?:\S+ ){1,3}(?:came in|were|was|received|opened|held|done)\b/.test(asked.text) && caseName === null) {
    intent = 'stats';
    explanation.push('grammar: a count, not a date');
  }
  // "core group within how many days of the ICPC?": the rule's timescale, not a count.
  if (['stats', 'unknown', 'when'].includes(intent) && caseName === null && dates.length === 0 && /\bwithin how many (?:working |calendar )?(?:days|hours|weeks)\b|\bhow many (?:working |calendar )?(?:days|hours|weeks) (?:after|before|of|from|following|prior to)\b/.test(n.text)) {
    intent = 'standard';
    explanation.push('grammar: how many days, by the rule');
  }
  // "is there a guide", "are you there": asking for the manual, or whether Heard is listening.
  if (['unknown', 'away', 'unassigned'].includes(intent) && /\b(?:user guide|guide|manual|instructions|tutorial|how to use (?:this|heard|you|it)|things i can ask|what can i ask|what sort of things can i ask|list of (?:commands|questions))\b/.test(n.text) && !offTopic) {
    intent = 'help';
    explanation.push('grammar: asks for a guide to Heard');
  } else if (/^(?:are you|you|anyone|anybody|is anyone|is anybody|heard are you|are you still) (?:there|awake|around|alive|listening|working)$/.test(n.text)) {
    intent = 'greeting';
    explanation.push('grammar: checks Heard is there');
  }
  // "total momo statements received last month?": a count.
  const total = /^(?:\S+ )?(?:total|number of|count of|no of)\b(?: \S+){0,3}? (?:statements?|visits?|reviews?|referrals?|conferences?|assessments?)\b/.exec(n.text);
  if (total && ['unknown', 'due', 'history', 'unopened', 'help'].includes(intent) && caseName === null) {
    intent = 'stats';
    explanation.push(`grammar: "${total[0]}" asks for a count`);
  }
  // "how many reviews were late last month": a count of what happened is figures, not a list.
  const counted = /^(?:\S+ ){0,3}?how many\b(?: \S+){0,4}? (?:were|was|did|have been|has been|had|came|got|went)\b/.exec(n.text);
  if (counted && ['due', 'overdue', 'unopened'].includes(intent)) {
    intent = 'stats';
    explanation.push(`grammar: "${counted[0]}" counts what happened`);
  }
  // "anything come in today that nobody's got yet": what nobody holds is the queue.
  const nobodyHolds = /\b(?:nobody|no one|noone|no body) (?:has |s |'s |is )?(?:got|picked up|taken|holding|allocated)\b|\bnot (?:yet )?(?:been )?picked up\b/.exec(n.text);
  if (nobodyHolds && ['due', 'unknown', 'stats', 'help', 'history'].includes(intent) && caseName === null) {
    intent = 'unassigned';
    explanation.push(`grammar: "${nobodyHolds[0]}" asks about the queue`);
  }
  // "what's due tomorrow that someone might need to pick up": the asker's list, not the queue.
  if (intent === 'unassigned' && !/\b(?:unallocated|unassigned|queue|pile|allocat\w*|assign\w*|nobody|no one)\b/.test(n.text) && /\bdue\b/.test(asked.text)) {
    intent = 'due';
    explanation.push('grammar: asks what is due, not about the queue');
  }
  // "how many are waiting to be allocated": the queue, counted.
  const queue = /\b(?:unallocated|unassigned|waiting (?:to be|for) (?:allocat|assign)\S*|to be (?:allocated|assigned)|in the queue|need(?:s|ing)? (?:allocating|assigning)|not (?:yet )?(?:been )?(?:allocated|assigned)|waiting for a (?:worker|social worker|home))\b/.exec(n.text);
  if (queue && ((intent === 'stats' && dates.length === 0) || ['away', 'unknown', 'help'].includes(intent) || (intent === 'unopened' && !/\b(?:opened|read|downloaded|viewed)\b/.test(n.text))) && !/\b(?:median|average|how long|time to (?:assign|allocate))\b/.test(n.text)) {
    intent = 'unassigned';
    explanation.push(`grammar: "${queue[0]}" asks about the queue`);
  }
  const broadcast = BROADCAST.exec(n.text);
  // "I sent a notice this morning - has everyone read it?": "it" is the notice.
  const report = DELIVERY_REPORT.exec(n.text)
    ?? (/\b(?:notice|broadcast|announcement|message)\b/.test(n.text) ? /\b(?:has|have|did|was) (?:\S+ ){1,3}?(?:read|seen|got|opened|received) it\b/.exec(n.text) : null);
  // "have I read my messages": the asker's own reading is statements, not a notice's delivery.
  // ("message the whole of Westside: new statements will now come through Heard": a notice to send, whatever it says.)
  const sendsFirst = sendsNoticeFirst(message);
  // ("was RS told we got her momo?": what happened to a child's statement, not a notice.)
  if (report && !moving && !sendsFirst && !(caseName !== null && noNotice) && !/\b(?:have i|did i|i have|i ve|i)(?: not| still| already| ever)? (?:read|seen|opened|got|received)\b/.test(n.text)) {
    intent = 'delivery-report';
    explanation.push(`grammar: "${report[0]}" asks for a delivery report`);
  // ("ignore my last msg, wrong team": a message taken back, not one to send.)
  } else if ((broadcast || sendsFirst) && (!moving || sendsFirst) && !howTo && !/\b(?:don t|dont|do not|need to|have to|got to|i ll|i will|going to|must) tell\b/.test(n.text) && !/\b(?:ignore|disregard|scrap|forget|delete) (?:my |the |that )?(?:last |previous )?message\b/.test(n.text) && (intent !== 'away' || /\b(broadcast|announce|notice|announcement|message|alert|reminder)\b/.test(broadcast?.[0] ?? n.text)) && (absence === null || absence === 'record' || sendsFirst)) {
    intent = 'broadcast';
    absence = null;
    explanation.push(`grammar: "${broadcast?.[0] ?? message.split(':')[0].trim()}" sends a notice`);
  }
  // "CR-20417?" on its own: what has happened to it.
  const history = HISTORY_ASK.exec(n.text) ?? (caseName !== null ? HISTORY_OF_CASE.exec(n.text) ?? /^(?:(?:what about|and|about|re|show me|show|check) )?[a-z]{1,4}-\d{3,}$/.exec(n.text) : null);
  // ("has CK's statement been opened by me yet": the asker's own reading.)
  if (history && !moving && !moveOne && (intent !== 'broadcast' || !BROADCAST.test(n.text)) && (intent !== 'delivery-report' || (caseName !== null && noNotice)) && (caseName !== null || !/^what/.test(history[0])) && !/\bby me\b/.test(n.text) && !offTopic && !/^when (?:do|does|should|must) (?:i|we) need to\b/.test(n.text)) {
    intent = 'history';
    explanation.push(`grammar: "${history[0]}" asks what happened`);
  }
  // "just back from a visit, what's due tomorrow": where the asker has been narrows nothing.
  const kindBefore = (text: string) => kindOf(text
    .replace(/\b(?:back from|been on|been out on|just done|just finished|on my way to|off to|out at|all at|am at|m at|out of(?! timescales?\b| time\b| date\b)|just out of|coming out of|head out on|heading out on|head out to|going out on|out on) (?:a |an |the |my )?(?:\S+ )?(?:visit|review|conference|core group|meeting)s?\b/g, '')
    // "whats due for the assessment team": a team's name.
    .replace(/\b(?:assessment|review|visiting|conference|duty and assessment|disabled children s) team\b/g, 'team')
    // "what is due next Tuesday as I've got a strategy meeting on the Monday": why the asker is asking, not what.
    .replace(/\b(?:as|because|cos|since) (?:i think )?(?:i ve got|i have got|i have|i ve|i m|i am|there s|there is|there are)\b.*$/, '')
    // "I've got a really busy one with two ICPCs": the asker's week, not what is asked.
    .replace(/\b(?:i ve got|i have got|i have|got) (?:a |an )?(?:really |very |bit of a )?(?:busy|full|packed|mad|heavy|hectic) (?:one|week|day|few days)\b.*$/, '')
    // "I know there's a couple of visits but … nothing else hiding": what the asker already knows of.
    .replace(/\bi know (?:there (?:s|is|are) |i have |i ve got )?(?:a couple of |some |a few |two |three |one |an? )?(?:\S+ )?(?:visits?|reviews?|assessments?|plans?|conferences?|core groups?)\b(?=.*\b(?:nothing|anything|something) else\b)/g, '')
    // Not Mind Of My Own's: "my court statement", "a witness statement"; a team's name: "duty and assessment".
    .replace(/\b(?:court|witness|police|section 7|s7|position) statements?\b|\bstatements? of evidence\b|\bduty (?:and |& )?assessment\b/g, ''));
  // The meeting work leads up to names the kind only when nothing else does.
  const kindIn = (text: string) => kindBefore(text.replace(BEFORE_MEETING, '')) ?? kindBefore(text);
  // The question's kind; a short question pointing back ("next CiC review for LM, when's it due") takes the message's.
  // Only what comes before the question: "whats due tmrw, trying to plan my day around a conference" names no kind.
  const beforeQuestion = asked !== n && n.text.includes(asked.text) ? n.text.slice(0, n.text.indexOf(asked.text) + asked.text.length) : n.text;
  // ("I have let some of the visits slip … Could you check whether any are overdue?": "any" is some of those.)
  // ("two home visits Thursday, can you tell me what else I've got due": what else is not those.)
  // ("…two strategy meetings and an ICPC … can you tell me which visits are overdue": the question's clause, when the message runs on.)
  const lastAsk = asked === n ? /\b(?:can you tell me|could you tell me|can you show me|tell me|show me)\b(?!.*\b(?:can you tell me|could you tell me|can you show me|tell me|show me)\b)/.exec(n.text) : null;
  const kind = (lastAsk ? kindIn(n.text.slice(lastAsk.index)) : null) ?? kindIn(asked.text) ?? (asked !== n && !/\b(?:what|anything) else\b/.test(asked.text) && (asked.text.split(' ').length <= 5 || (caseName !== null && /^when\b/.test(asked.text)) || /\b(?:it|them|that|those|these|they|ones|one)\b|\bany (?:are|is|have|has)\b/.test(asked.text)) ? kindBefore(beforeQuestion.replace(BEFORE_MEETING, '')) : null);
  // "when is the next CiC review due for CR-20417?": a deadline of a case, not what a standard says.
  const deadline = /\b(due|deadlines?|next|when|coming up|upcoming|overdue|late|missed|outstanding)\b/.test(n.text);
  const aboutStandard = standardRef !== null || (caseName === null && dates.length === 0 && /\bwhat is the (?:deadline|time limit|timescale) for \S+ing\b/.test(n.text)) || /\b(how long|how many (working )?(days|hours|weeks)|how often|how soon|how quickly|timescales?|rule|what does|the standard|standards say)\b/.test(n.text);
  const caseDeadline = !aboutStandard && deadline
    && (caseName !== null || (kind !== null && /\b(next|my|i|have i|i have|i ve|coming up|upcoming)\b/.test(n.text)));
  // "what reviews have I got this month?", "Sam's reviews next month": case work asked about, whatever the classifier thought.
  const caseWork = kind !== null && kind !== 'statement' && !aboutStandard && (deadline || dates.length > 0 || /\b(have i got|i have got|i ve got|have i|do i have|has \S+ got)\b/.test(n.text))
    && !/\b(how many|how are|how is|how s|percentage|per cent|percent|proportion|median|average|mean|rate|figures|numbers|stats|statistics|doing|performance|compliance|hitting|on time)\b/.test(n.text)
    && (intent !== 'standard' || caseName !== null || dates.length > 0 || /\b(my|i|i ve|next|have i|mine)\b/.test(n.text))
    && !(intent === 'away' && ((absence !== null && absence !== 'record') || /\b(off|leave|sick|holiday|away|absent|cover|covering|back)\b|\b(?:at|on|for) (?:a |an |the )?(?:\S+ ){0,3}?(?:conference|course|training)\b/.test(n.text)));
  // ("morning heard hope ur ok, CP visits this week?": a hello around a question.)
  // ("whens the ICPC for the new one, C-11873": not a notice, whatever the classifier heard.)
  if (!offTopic && (((['standard', 'unknown', 'help', 'when', 'greeting'].includes(intent) || (intent === 'broadcast' && !BROADCAST.test(n.text) && !sendsFirst)) && caseDeadline) || ((['standard', 'unknown', 'help', 'when', 'stats', 'away', 'unassigned', 'unopened'].includes(intent) || (intent === 'greeting' && /\?\s*$/.test(message))) && caseWork))) {
    if (intent === 'away') absence = null;
    intent = /\b(overdue|late|missed|breached|behind)\b/.test(n.text) ? 'overdue' : 'due';
    explanation.push(`grammar: asks when ${caseName ?? 'a case'}'s ${kind ?? 'next deadline'} is due`);
  }
  if (intent === 'due' && /\b(?:overdue|late|breach|breaches|breached|missed|behind)\b/.test(asked.text) && !/\b(?:due|deadlines?)\b/.test(asked.text) && caseName === null) {
    intent = 'overdue';
    explanation.push('grammar: asks what is late, not what is due');
  }
  // ("I know it's late but …": the hour, not the work.)
  if (intent === 'overdue' && /\bdue\b/.test(asked.text) && !/\b(overdue|late|missed|behind|breach|breached|past|outstanding|not done)\b/.test(asked.text.replace(/\b(?:i know )?(?:it (?:s|is)|its) (?:a bit |very |really |so |getting )?late\b|\blate (?:one|visit|night|shift|call)\b|\bpast midnight\b/g, ''))) {
    intent = 'due';
    explanation.push('grammar: "due", and nothing said of late: what is due');
  }
  // "Can you show me Mark Ellis statements": someone's list, whatever the classifier made of the asking.
  const showList = /\b(?:show|list|see|view)(?: me)? (?:\S+ ){1,2}(?:statements|deadlines|list|work|cases|stuff)$/.exec(asked.text);
  if (showList && ['help', 'unknown', 'greeting'].includes(intent) && !howTo) {
    intent = 'due';
    explanation.push(`grammar: "${showList[0]}" asks for a list`);
  }
  // "whats on for me over the next fortnight", "can you pull up April's statements": nothing said of late is what is due.
  if (intent === 'overdue' && !/\b(?:overdue|late|behind|missed|miss|breach\w*|past|outstanding|not done|slip\w*|lapsed|expired|exceeded|timescales?|red|caught up|catch up|on top|o d|let go|up to date|out of time|out of date|in date|gone over|run over|ran over|overran|over time)\b/.test(dates.length > 0 ? asked.text : n.text)) {
    intent = 'due';
    explanation.push('grammar: nothing said of late: what is due');
  }
  // "if a statement comes in on a bank holiday when does it need assigning by": what the standard says.
  const hypothetical = /\bif (?:a|the|my) (?:statement|referral|momo|child)s? (?:comes|arrives|came|is received|gets sent|is sent|was sent|comes through)\b/.exec(n.text);
  if (hypothetical && !['standard', 'when'].includes(intent)) {
    intent = 'standard';
    explanation.push(`grammar: "${hypothetical[0]}" asks what a standard says`);
  }
  // "Hello Heard. I do apologise, but could you tell me whether I have anything overdue at all?": the question's deadline word decides.
  // ("Am I in trouble for anything? 😬 overdue stuff I mean": said after the question.)
  const deadlineWord = /\b(?:overdue|late|due)\b/.exec(asked.text) ?? (/\bi mean\b/.test(n.text) ? /\b(?:overdue|late|due)\b/.exec(n.text) : null);
  if (deadlineWord && ['greeting', 'unknown', 'help', 'when', 'unopened'].includes(intent) && !offTopic && !/\b(?:opened|unopened|read|unread|downloaded)\b/.test(asked.text)) {
    intent = deadlineWord[0] === 'due' ? 'due' : 'overdue';
    explanation.push(`grammar: "${deadlineWord[0]}" in the question asks about deadlines`);
  }
  // "how many assessments completed in timescale over the last 3 months", "which team has the best timescales": figures, not the rule.
  if (intent === 'standard' && caseName === null && !standardRef && (/^how many \S+(?: \S+)? (?:were |was |have been |got )?(?:completed|held|done|received|sent|opened|acknowledged|assigned|closed)\b/.test(n.text) || /\b(?:best|worst|highest|lowest) (?:timescales|rate|rates|performance|figures|on time|compliance)\b/.test(n.text))) {
    intent = 'stats';
    explanation.push('grammar: asks for figures of what was done');
  }
  if (['unassigned', 'unknown', 'due', 'help', 'overdue', 'team-overdue'].includes(intent) && /\bwhich (?:team|teams|worker|workers) (?:has|have|had|is|are) (?:the )?(?:best|worst|highest|lowest|most|fewest|furthest behind|most behind|doing best|doing worst)\b/.test(n.text)) {
    intent = 'stats';
    explanation.push('grammar: which team is best or worst is figures');
  }
  // "what's on my list for tomorrow, I'm in Llandeilo all day": the asker's list, asked first.
  if (['away', 'unknown', 'help', 'greeting'].includes(intent) && /^(?:(?:hi|hey|morning|ok|so|right) )?(?:what is|whats|what s) (?:on my (?:list|plate|to do list|radar)|coming up for me|due for me)\b/.test(n.text)) {
    intent = 'due';
    absence = null;
    explanation.push('grammar: the asker\'s list, asked first');
  }
  // "any unidentified young people statements waiting": the queue (statements from someone not yet known go to it).
  if (intent === 'unopened' && /\b(?:unidentified|unknown young|unknown child|waiting to be (?:assigned|allocated))\b/.test(n.text) && !/\b(?:opened|read|downloaded|my)\b/.test(n.text)) {
    intent = 'unassigned';
    explanation.push('grammar: statements waiting for someone are the queue');
  }
  // Follow-ups, typed after an answer: "and friday?", "tomorrow?", "what about thursday", "and next week?",
  // "only the reviews", "what about my team?", "and for Westside?": what is due, for those days, that kind or those people.
  const fillers = /^(?:and|what|how|about|ok|then|so|also|just|only|for|the|on|please|pls)$/;
  const bare = n.text.split(' ').filter((w, i) => !fillers.test(w) && !dates.some((d) => i >= d.firstWord && i <= d.lastWord));
  if (dates.length > 0 && bare.length === 0 && ['away', 'help', 'greeting', 'unknown', 'stats', 'when', 'standard'].includes(intent)) {
    intent = 'due';
    absence = null;
    explanation.push('grammar: a day or a period alone, as a follow-up: what is due then');
  }
  if (/^(?:(?:and|ok|so) )?(?:only|just) (?:the )?(?:visits|reviews|assessments|plans|conferences|core groups|statements|momos)(?: please| pls)?$/.test(n.text) && intent !== 'due') {
    intent = 'due';
    explanation.push('grammar: only a kind, as a follow-up');
  }
  if (/^(?:and|what about|how about) (?:for )?(?:my team|the team|my workers|\S+(?: team)?)$/.test(n.text) && /[?]\s*$|^(?:and|what about|how about) (?:for )?(?:my team|the team)/.test(message) && ['stats', 'greeting', 'unknown', 'help', 'away'].includes(intent)) {
    intent = 'due';
    absence = null;
    explanation.push('grammar: someone else, as a follow-up: their list');
  }
  // "any failures on the notice I sent out?": what happened to a notice.
  if (/\bfail(?:ures?|ed)\b/.test(n.text) && /\b(?:notice|broadcast|announcement|message|reminder)s?\b/.test(n.text) && ['due', 'unknown', 'broadcast', 'overdue'].includes(intent) && !sendsFirst) {
    intent = 'delivery-report';
    explanation.push('grammar: whether a notice failed');
  }
  // "have I read the momo from AJ": the asker's own reading, not a notice's.
  if (intent === 'delivery-report' && noNotice && /\b(?:have i|did i|i have|i ve)(?: not| ever| already)? (?:read|opened|downloaded|seen|looked at)\b/.test(n.text)) {
    intent = 'unopened';
    explanation.push('grammar: whether the asker has read something');
  }
  // "have I missed opening anything?": what is unopened.
  // ("which momos still need downloading": the same.)
  if (/\bmiss(?:ed)? (?:opening|reading|downloading|looking at)\b|\bstill need(?:s)? (?:downloading|opening|reading)\b/.test(n.text) && ['overdue', 'due', 'unknown', 'history'].includes(intent)) {
    intent = 'unopened';
    explanation.push('grammar: missed opening is unopened');
  }
  // "anything waiting to be routed": the queue.
  if (/\bwaiting to be (?:routed|triaged|picked up)\b/.test(n.text) && ['unopened', 'unknown', 'due'].includes(intent)) {
    intent = 'unassigned';
    explanation.push('grammar: waiting to be routed is the queue');
  }
  // "can I get the numbers for statements received this week so far", "how many overdue visits are there across all teams": figures.
  if (((/\bnumbers? (?:for|of) (?:\S+ )?(?:statements?|momos|visits|reviews)\b/.test(n.text) && ['unknown', 'due', 'help', 'unassigned'].includes(intent))
    || (/^how many (?:\S+ ){0,2}(?:overdue|late|breached|due) (?:\S+ )?(?:are there|have we|do we|has|is there|were there)\b/.test(n.text) && ['overdue', 'team-overdue', 'due', 'team-due'].includes(intent))) && caseName === null) {
    intent = 'stats';
    explanation.push('grammar: a count');
  }
  // "anything breached that I need to explain to my manager": late work.
  if (intent === 'unopened' && /\b(?:breach\w*|miss(?:ed)?(?! (?:opening|reading|downloading|looking))|slipped|out of timescale)\b/.test(asked.text) && !/\b(?:opened|unopened|read|unread|downloaded|looked at|seen)\b/.test(asked.text)) {
    intent = 'overdue';
    explanation.push('grammar: what is breached is late');
  }
  // "any plans i need to update for AH": work of a kind other than statements is due, never unopened.
  if (intent === 'unopened' && kind !== null && kind !== 'statement' && !/\b(?:opened|unopened|read|unread|downloaded|looked at|seen)\b/.test(n.text)) {
    intent = /\b(?:overdue|late|breach\w*|missed)\b/.test(n.text) ? 'overdue' : 'due';
    explanation.push('grammar: a kind of work other than statements is due, not unopened');
  }
  // "how long left on RB's C&F assessment": a case's deadline.
  if (caseName !== null && /\bhow (?:long|much time|many days) (?:is |have i got |do i have |have we got )?(?:left|till|until|to go|before)\b/.test(n.text) && ['standard', 'when', 'unknown'].includes(intent)) {
    intent = 'due';
    explanation.push('grammar: how long is left on a case\'s deadline');
  }
  // "what did AB say in her momo": what a child said is read in the statement itself, not asked of Heard.
  if (/^what (?:did|does|has) \S+(?: \S+)? (?:say|write|put|said|written)\b/.test(n.text) && ['unassigned', 'unopened', 'due', 'history'].includes(intent)) {
    intent = 'unknown';
    explanation.push('grammar: what a statement says is in the statement');
  }
  // "q?": the queue.
  if (/^\s*(?:q|queue|the queue)\s*\?\s*$/i.test(message)) {
    intent = 'unassigned';
    explanation.push('grammar: the queue, asked in a word');
  }
  // "whats the command for the queue? new in post", "can you explain what Heard is for": how to use Heard.
  if (/\b(?:commands?|keywords?|syntax|what do i type|what to type) (?:for|to)\b|\bwhat (?:heard|this bot|the bot|this thing|this app) is for\b|\bexplain (?:what )?(?:heard|this bot|the bot)\b/.test(n.text) && !['help'].includes(intent)) {
    intent = 'help';
    absence = null;
    explanation.push('grammar: asks how to use Heard');
  }
  // "can Lou have my visits while i'm in court tomorrow": the asker's work, to someone.
  // (Later in a message, only statements had: "I'm off tmrw can Lucy have my statements"; "…, can Lucy cover my visits" is cover for an absence.)
  if ((/^(?:can|could) (?!i\b|you\b|we\b|u\b)\S+(?: \S+)? (?:have|take|hold|cover|pick up) my (?:statements|stmts|momos|visits|cases|work|caseload|stuff|reviews|duty)\b/.test(n.text)
    || /\b(?:can|could) (?!i\b|you\b|we\b|u\b)\S+(?: \S+)? (?:have|take|hold) my (?:statements|stmts|momos)\b/.test(n.text)) && intent !== 'reassign') {
    intent = 'reassign';
    absence = null;
    explanation.push('grammar: the asker\'s work, to someone');
  }
  // "what's Kez got on this week, she's off tomorrow": someone's list, asked first.
  if (['away', 'unknown', 'help'].includes(intent) && /^(?:(?:hi|ok|so|right|morning) )?(?:what is|whats|what s|what has|what does) \S+(?: \S+)? (?:got|have|has)(?: on| due| coming up| overdue)\b/.test(n.text)) {
    intent = /\boverdue\b/.test(n.text) ? 'overdue' : 'due';
    absence = null;
    explanation.push('grammar: someone\'s list, asked first');
  }
  // "Morning, can I see the queue please, Jess is off": the queue, asked first.
  if (['away', 'unknown', 'help', 'greeting'].includes(intent) && /^(?:(?:hi|hiya|ok|so|right|morning|afternoon) )?(?:can|could|may) (?:i|we) (?:see|have|look at|view|check) the (?:\S+ )?queue\b/.test(n.text)) {
    intent = 'unassigned';
    absence = null;
    explanation.push('grammar: the queue, asked first');
  }
  // "has the last SW left anything overdue for me?", "anything overdue from last month still sitting there?": late work, not the queue.
  if (intent === 'unassigned' && /\b(?:overdue|late)\b/.test(asked.text) && !/\b(?:unassigned|unallocated|queue|allocat\w*|assign\w*|waiting|come in|came in|arrived|nobody|no one|anyone)\b/.test(asked.text)) {
    intent = 'overdue';
    explanation.push('grammar: late work asked about, not the queue');
  }
  // "how soon after strategy does the ICPC need to be": what a standard says.
  if (/^how (?:soon|quickly|long) (?:after|before|from|following) (?:a |an |the )?\S+/.test(n.text) && caseName === null && !/\b(?:my|our|i|mine)\b/.test(n.text) && ['due', 'overdue', 'unknown', 'when', 'help'].includes(intent)) {
    intent = 'standard';
    explanation.push('grammar: how soon after an event, by the rule');
  }
  // "can you pull up Ruth's upcoming reviews - she's on a/l": someone's list, whatever else is said of them.
  const pullUp = /\b(?:show|pull up|bring up|list|see|view|get|check)(?: me)? (?:\S+ ){1,2}'s (?:upcoming |next |open |outstanding |current )?(?:statements|visits|reviews|assessments|conferences|core groups|plans|deadlines|caseload)\b/.exec(asked.text);
  if (pullUp && ['away', 'unknown', 'help', 'greeting', 'history'].includes(intent)) {
    intent = 'due';
    absence = null;
    explanation.push(`grammar: "${pullUp[0]}" asks for someone's list`);
  }
  // "Kwame asked me to get his statements moved to Wendy": a move asked for.
  const getMoved = /\b(?:get|have|need|want|needs) (?:his|her|their|my|all (?:of )?(?:his|her|their|my)|\S+ 's) (?:statements|stmts|momos|cases|work|caseload) (?:moved|moving|reassigned|reassigning|transferred|transferring|passed|passing|sent|given|allocated|covered) (?:over )?(?:to|onto)\b/.exec(n.text);
  if (getMoved && !['reassign'].includes(intent)) {
    intent = 'reassign';
    absence = null;
    explanation.push(`grammar: "${getMoved[0]}" moves statements`);
  }
  // "how is Sam getting on", "how's Jo doing with her statements": how someone is doing is figures, whatever else is named.
  const howIs = HOW_IS_DOING.exec(asked.text) ?? HOW_IS_DOING.exec(n.text) ?? /^(?:\S+ )?how (?:did|has|have) (?:\S+ ){1,3}?(?:do|done|get on|got on|perform|performed|fare|fared)\b/.exec(n.text);
  if (howIs && (['due', 'overdue', 'unopened', 'standard', 'unknown', 'help', 'greeting', 'history'].includes(intent) || (intent === 'broadcast' && !BROADCAST.test(n.text))) && !/\b(?:what|which|when)\b/.test(n.text)) {
    intent = 'stats';
    explanation.push(`grammar: "${howIs[0]}" asks how someone is doing`);
  }
  // "back from hols what havent i opened": back, and asking what is unopened.
  // ("i think there's a momo i never downloaded … which one is it": a short question about what was said.)
  const unopenedAsked = UNOPENED_ASKED.exec(asked.text) ?? (asked !== n && asked.text.split(' ').length <= 5 ? UNOPENED_ASKED.exec(n.text) : null);
  const askedOfStatements = ['away', 'standard', 'history', 'unknown', 'due', 'overdue'].includes(intent) && !/\b(?:notice|broadcast|announcement|message)\b/.test(asked.text)
    // "Have I opened the statement from JR?": of one child's statement too, unless a deadline is asked.
    && (caseName === null || !/\b(?:due|overdue|late|deadlines?)\b/.test(asked.text));
  // "can you tell me what I've got due this week because I … haven't looked at anything yet": the question is before "because".
  const beforeWhy = n.text.split(/\b(?:because|cos|as i|since i|i ve been|i have been|ive been)\b/)[0];
  const dueBeforeWhy = beforeWhy !== n.text && /\b(?:due|deadlines?|overdue|late)\b/.test(beforeWhy) && !/\b(?:opened|unopened|read|unread|downloaded|looked at|seen)\b/.test(beforeWhy);
  if (unopenedAsked && askedOfStatements && !dueBeforeWhy) {
    intent = 'unopened';
    absence = null;
    explanation.push(`grammar: "${unopenedAsked[0]}" asks what the asker has not opened`);
  }
  // "the statement for C-903377 went to Faith by mistake, please move it to Joy", "move the statements I was covering back to Helen".
  const movedBack = /\b(?:move|reassign|transfer|pass|give|send|put)\b (?:it|this|that|this one|that one|them|these|those)(?: back| over)? (?:to|onto) (?!(?:be|do|the|a)\b)\S+|\b(?:move|reassign|transfer|pass|give|send)\b(?: \S+){0,8}? back to (?!(?:be|do|the|a|normal|work)\b)\S+/.exec(n.text);
  if (movedBack && intent !== 'reassign' && (intent !== 'broadcast' || !BROADCAST.test(n.text))) {
    intent = 'reassign';
    absence = null;
    explanation.push(`grammar: "${movedBack[0]}" moves work to someone`);
  }
  // "anyone in Westside not read it yet?": whether a notice has been read.
  const notReadIt = /\b(?:who|anyone|anybody|which \S+)(?: \S+){0,3}? (?:not|hasn t|has not|haven t|have not|still not|yet to) (?:read|seen|opened|acknowledged) (?:it|my notice|the notice|my message|the message)\b/.exec(n.text);
  if (notReadIt && !/\bstatements?\b/.test(n.text) && ['unopened', 'unknown', 'due', 'broadcast', 'help'].includes(intent)) {
    intent = 'delivery-report';
    explanation.push(`grammar: "${notReadIt[0]}" asks who has not read a notice`);
  }
  // "how did the Riverside team do on C&F assessments", "which teams are worst at acknowledging", "review timeliness last month": figures.
  const howDid = /\bhow (?:did|does|do|has|have|is|are) (?:\S+ ){1,4}?(?:do|doing|done|perform|performing|get on|getting on|fare|faring) (?:on|with|for|at)\b|\b(?:which|what) (?:teams?|workers?|services?) (?:is|are|was|were) (?:the )?(?:worst|best|slowest|quickest|fastest|most late|latest) (?:at|on|for)\b|\btimeliness\b|\b(?:received|came in|sent) (?:\S+ ){0,3}?total\b|\bwent past (?:the )?(?:\S+ ){0,3}?(?:timescale|deadline|working hours|working days|hours|days)\b/.exec(n.text);
  if (howDid && ['due', 'overdue', 'unopened', 'standard', 'unknown', 'help', 'history', 'when'].includes(intent)) {
    intent = 'stats';
    explanation.push(`grammar: "${howDid[0]}" asks for figures`);
  }
  // "is there anything I need to do for AH before Monday": work to do is what is due.
  if (intent === 'unopened' && /\b(?:need|needs|have|has|got) to (?:do|get done|sort|finish|complete|respond to|reply to|action)\b|\bneeds? doing\b/.test(asked.text) && !/\b(?:opened|unopened|read|unread|looked at)\b/.test(asked.text)) {
    intent = 'due';
    explanation.push('grammar: work to do is what is due');
  }
  // "Please show me the statements Rose currently has": someone's list, not what happened.
  if (['history', 'unknown', 'help'].includes(intent) && caseName === null && /\b(?:show|list|see|what are)\b.*\b(?:statements|cases|visits|reviews|deadlines) (?:\S+ ){1,2}(?:currently |still |now )?(?:has|holds|is holding|has got)\b/.test(n.text)) {
    intent = 'due';
    explanation.push('grammar: asks for the work someone holds');
  }
  // "any visits on the 27th": what is due on a day, not what happened, when no case is named.
  if (intent === 'history' && caseName === null && dates.length > 0 && !HISTORY_ASK.test(n.text) && (kind !== null || /\b(?:due|deadlines?)\b/.test(n.text))) {
    intent = 'due';
    explanation.push('grammar: asks what is due on a day, no case named');
  }
  // "is April behind on her review reports": late work, not figures.
  const behind = /\b(?:is|are|am|has|have) (?:\S+ ){1,2}?(?:behind|late|slipping) (?:on|with)\b/.exec(asked.text);
  if (behind && intent === 'stats' && !/\b(?:rate|percentage|per cent|percent|figures|stats|statistics|compliance|timeliness)\b/.test(asked.text)) {
    intent = 'overdue';
    explanation.push(`grammar: "${behind[0]}" asks what is late`);
  }
  // "month end - what's overdue for the team so i can explain it in the performance meeting": the list asked for, whatever it is for.
  // ("Before the performance meeting can you pull what's overdue for every team", "… I've got the performance clinic at 2".)
  const listAsked = /^(?:(?:\S+ ){0,8})?(?:what is|whats|what s|show me|list) (?:\S+ ){0,2}?(overdue|due|late)\b/.exec(asked.text);
  if (listAsked && intent === 'stats' && /\bso (?:i|we) can\b|\b(?:for|before) (?:the|my|our) (?:\S+ )?(?:meeting|report|supervision|panel|board|clinic)\b|\bin the (?:\S+ )?meeting\b|\b(?:performance|team|management) (?:meeting|clinic|board|panel|return)\b|\bsend me the list\b|\b(?:what is|whats|what s) (?:overdue|due) for me\b/.test(asked.text) && !/\b(?:rate|percentage|per cent|percent|how many|figures|stats|statistics|compliance)\b/.test(asked.text)) {
    intent = listAsked[1] === 'due' ? 'due' : 'overdue';
    explanation.push(`grammar: "${listAsked[0]}" asks for the list, whatever it is for`);
  }
  // "last month's statement count pls", "statements received service-wide last month": figures.
  const counts = /\bstatement (?:count|total)\b|\b(?:count|total) of statements\b|^(?:\S+ ){0,3}?statements? (?:received|sent|came in|submitted)\b/.exec(n.text);
  if (counts && !moving && (['due', 'reassign', 'unknown', 'history'].includes(intent) || (intent === 'standard' && /^(?:\S+ )?statements? (?:received|came in)\b/.test(n.text))) && !/\b(?:move|reassign|give|transfer)\b/.test(n.text)) {
    intent = 'stats';
    explanation.push(`grammar: "${counts[0]}" asks for a count`);
  }
  // "anything i shud have done by now but havent": late.
  // ("any statements I should have acknowledged by now": the same.)
  // ("what have i not done that i should have by now", "which plans have I let lapse", "did i miss the RHA deadline": the same.)
  if (['due', 'history', 'unopened', 'unknown'].includes(intent) && (/\b(?:should|shud|shld|ought to) have (?:been )?(?:done|finished|completed|sent|acknowledged|opened|read|downloaded|saved|assigned|visited|seen|held|by now)\b|\blet (?:\S+ )?lapse\b|\blapsed\b|\b(?:that )?i should have$|\bdid (?:i|we) miss (?:the|a|any) (?:\S+ )?(?:deadline|timescale|visit|review)\b/.test(n.text)) && !/\bdue\b/.test(n.text)) {
    intent = 'overdue';
    explanation.push('grammar: what should have been done is late');
  }
  // "which of my reviews have passed their due date", "which review reports have I not got out on time": late.
  // ("momos i havent responded to in time?": the same.)
  if ((intent === 'due' && /\b(?:passed|past|gone past|missed) (?:their|its|the) (?:due )?dates?\b|\bnot (?:\S+ ){0,3}(?:on time|in time)\b/.test(n.text))
    || (['unopened', 'unassigned'].includes(intent) && /\bnot (?:\S+ ){0,3}(?:on time|in time)\b/.test(n.text))) {
    intent = 'overdue';
    explanation.push('grammar: past the due date is late');
  }
  // "Thank you, that is very helpful.": thanks.
  if (/^(?:thank you|thanks|many thanks|cheers|ta|diolch)(?: (?:so much|very much|heard))?(?: (?:that is|that s|thats|it is|its|very|really|so|most))* ?(?:helpful|useful|great|brilliant|perfect|lovely|fab|fantastic|good|clear)?$/.test(n.text) && ['help', 'unknown'].includes(intent)) {
    intent = 'greeting';
    explanation.push('grammar: thanks');
  }
  // "tell Eastfield and Northgate that duty is clearing the queue", "Tell the IROs that …": a notice to send.
  const tellThat = /^(?:(?:can you|could you|please|pls) )?(?:tell|let|remind|warn|notify|inform|message) (?!me\b|you\b|us\b|him\b|her\b)(?:\S+ ){1,5}?(?:know )?(?:that\b|(?<!\b(?:me|us|you|him|her) )their (?:queue|statements|notices?|portal|system|rota|deadlines|team meeting|meeting|training)\b(?! (?:is|are) (?:due|overdue)\b))/.exec(n.text);
  // ("notify Northfield that their reassigned statements have been moved": news of a move, sent.)
  if (tellThat && (!['broadcast', 'reassign'].includes(intent) || (intent === 'reassign' && /^(?:(?:can you|could you|please|pls) )?(?:tell|notify|inform|let|remind|warn|message)\b/.test(n.text) && !/\b(?:and|then|also) (?:move|reassign|transfer)\b/.test(n.text)))) {
    intent = 'broadcast';
    absence = null;
    explanation.push(`grammar: "${tellThat[0]}" sends a notice`);
  }
  // "help - how do I see my deadlines for just one family", "help me understand what you do", "what can Heard report on": about Heard itself.
  // (Or its question alone: "Hi, I'm new to the participation team - what can Heard do for me?".)
  const aboutHeard = ABOUT_HEARD.exec(n.text) ?? (asked !== n ? ABOUT_HEARD.exec(asked.text) : null);
  if (aboutHeard && !['help', 'greeting'].includes(intent)) {
    intent = 'help';
    absence = null;
    explanation.push(`grammar: "${aboutHeard[0]}" asks about Heard itself`);
  }
  // "unassigned statements - how long has the oldest been waiting?": the queue, asked about.
  if (/\b(?:unassigned|unallocated|queue)\b/.test(n.text) && /\b(?:oldest|longest|been waiting|waiting longest|closest to breach\w*)\b/.test(n.text) && ['standard', 'stats', 'unknown', 'overdue'].includes(intent)) {
    intent = 'unassigned';
    explanation.push('grammar: how long the queue has waited');
  }
  // "let everyone know the new routing is live": a notice to send.
  const letKnow = /^(?:(?:can you|could you|can u|please|pls) )?(?:let|tell) (?:everyone|everybody|all staff|all (?:the )?\S+s|the (?:\S+ ){0,5}(?:team|teams|managers|workers|iros|officers)) know\b/.exec(n.text);
  if (letKnow && !['broadcast', 'reassign'].includes(intent)) {
    intent = 'broadcast';
    absence = null;
    explanation.push(`grammar: "${letKnow[0]}" sends a notice`);
  }
  // "have i let anything slip past the deadline": late.
  // "Just need to know if anything has slipped."
  if ((/\b(?:let (?:anything|something|things) slip|slip(?:ped)? past (?:the |a |its |their )?(?:deadline|timescale|due date))\b/.test(n.text) && ['unknown', 'due', 'standard', 'help'].includes(intent))
    || (/\b(?:(?:anything|something|owt) (?:has |have |s )?(?:slipped|slipping)|(?:has|have) (?:anything|something) slipped)\b/.test(n.text) && ['unknown', 'standard', 'help', 'unassigned', 'greeting'].includes(intent) && !/\b(?:due|deadlines?)\b/.test(n.text))) {
    intent = 'overdue';
    explanation.push('grammar: something let slip is late');
  }
  // "By what age should a care leaver's pathway plan be in place?", "the expected frequency of core groups": a standard.
  // "LAC visit frequency?": how often, by the rule.
  if (/\b(?:by what age|at what age|what age should|be in place by|expected frequency|how frequently|how frequent|frequency of|frequency|how regularly)\b/.test(n.text) && ['unknown', 'unassigned', 'due', 'help', 'away', 'greeting'].includes(intent) && caseName === null && !/\b(?:my|our|next|i)\b/.test(n.text)) {
    intent = 'standard';
    explanation.push('grammar: asks what a standard says');
  }
  // "what's the standard when an unidentified young person sends a momo": the standard, asked for by name.
  if (/^what (?:is|s) the (?:standard|rule|practice standard|timescale)\b/.test(n.text) && ['unknown', 'help', 'due', 'unassigned'].includes(intent) && caseName === null) {
    intent = 'standard';
    explanation.push('grammar: asks for the standard by name');
  }
  // "send out the reminder about acknowledging statements to all workers": a notice, though it names statements.
  if (intent === 'reassign' && ((/\bsend (?:out )?(?:a|an|the|this|my) (?:notice|reminder|message|announcement|note|update)\b/.test(n.text) && /\bto (?:all|everyone|everybody|every)\b/.test(n.text)) || /\b(?:all staff|all team|team wide|service wide) (?:message|notice|reminder|announcement)\b|^send this to (?:every|all|everyone|everybody)\b/.test(n.text))) {
    intent = 'broadcast';
    explanation.push('grammar: sends a notice to everyone');
  }
  // "did any of my broadcast fail to send": what happened to a notice.
  if (intent === 'broadcast' && /\b(?:broadcasts?|notices?|announcements?|messages?) (?:fail|failed|bounce|bounced|not (?:sent|delivered|get through)|did not (?:send|go|arrive))\b|\bfail(?:ed)? to (?:send|deliver|arrive)\b|\bfailures? (?:sending|to send|with|on|in)\b|\bfailed deliver(?:y|ies)\b|\bdelivery failures?\b/.test(n.text)) {
    intent = 'delivery-report';
    explanation.push('grammar: asks what happened to a notice');
  }
  // "Before I send the notice out, how many statements are still unassigned?": the question asks about the queue.
  if (intent === 'broadcast' && asked !== n && /\b(?:unassigned|unallocated|queue|not (?:yet )?(?:been )?(?:allocated|assigned))\b/.test(asked.text) && !BROADCAST.test(asked.text)) {
    intent = 'unassigned';
    explanation.push('grammar: the question asks about the queue');
  }
  // "how do I add a new staff member to my team in Heard?", "how do i tell it ive saved the statement": how to use Heard.
  const useHeard = /^(?:\S+ ){0,2}?how (?:do|can|would|should) (?:i|we) (?:\S+ ){1,8}?(?:in here|in heard|on heard|with heard|on here|in this|this bot|the bot|out of you|from you|out of heard)\b|\bhow (?:do|can) (?:i|we) get (?:my |the )?\S+ to (?:show|appear|come through) (?:in|on) teams\b|\bhow (?:do|can) (?:i|we) (?:tell (?:it|heard|you)|let (?:it|heard|you) know|add (?:a |an )?(?:new )?(?:staff|worker|member|person|team)|look up|find (?:a |an )?(?:worker|colleague|person)|record that|mark (?:it|that|a statement)|(?:bulk |mass )(?:reassign|move|transfer))\b/.exec(n.text);
  if (useHeard && ['standard', 'unknown', 'broadcast', 'due', 'away', 'history', 'reassign', 'stats'].includes(intent) && caseName === null && !BROADCAST.test(n.text.replace(useHeard[0], ''))) {
    intent = 'help';
    absence = null;
    explanation.push(`grammar: "${useHeard[0]}" asks how to use Heard`);
  }
  // "Any statements for my conference children I haven't opened?": what is unopened is statements, whatever they are about.
  const unopenedKind = intent === 'unopened' && /\b(?:statements?|momos?)\b/.test(asked.text.replace(/\bfrom momo\b/g, '')) ? 'statement' : kind;
  return { intent, absence, statementRef, kind: NO_KIND.has(intent) ? null : unopenedKind };
}

/**
 * Asks no answer of Heard's serves: errands (phoning, emailing, printing, booking a room),
 * where to find things, contact details, setting a personal reminder.
 */
const OFF_TOPIC = new RegExp(
  '^(?:(?:hi|hey|morning|please|pls|sorry|quick one) )*(?:' +
  '(?:(?:can|could|would|will) you (?:please )?|please )?(?:ring|phone(?! (?:\'s|s|is|has|died|dying|battery|about)\\b)|call|email|e mail|print|fax|post out|order|book (?:me )?(?:a |the )?(?:room|meeting room|car|pool car|taxi|interpreter)|arrange (?:a |the )?(?:room|taxi|interpreter|transport|contact))' +
  '|where (?:do|can|could|would|should) (?:i|we|you) (?:find|get|look|go|locate|access)' +
  '|what is \\d+ (?:plus |minus |times |x |divided by )?\\d+$' +
  '|what is (?:the )?(?:phone |telephone |contact |direct )?(?:number|phone number|extension|email address|address) (?:for|of)' +
  '|where (?:is|are) (?:the|a|an)\\b(?! (?:queue|participation|statements?|list|guide|user guide|help|instructions|manual))' +
  '|remind me to' +
  '|(?:do you know )?(?:what|which) room\\b' +
  '|why (?:is|are|does|do) (?:everything|it always|life|work|everyone|mondays)' +
  ')\\b|\\b(?:(?:phone|telephone|mobile|contact|out of hours|ooh|edt) number|number for (?:the )?(?:edt|ooh|out of hours|emergency duty|mash|police|switchboard)|number for (?:the )?(?:\\S+ ){0,3}(?:team|service|office|desk|line|duty)|duty number|email address|postcode|contact details|weather|(?:fancy|anyone for|want) (?:a )?(?:coffee|tea|brew|cuppa|drink|lunch|biscuit)|(?:write|draft|type up|do)(?: up)? (?:my|a|the) (?:case notes?|notes?|report|letter|email|chronology)|(?:write|draft|type up) (?:my|a|the) (?:court |witness |police |section 7 |s7 |position )(?:statement|report)|what time does (?:the )?(?:\\S+ ){1,3}?(?:close|open|shut)|(?:sign off|approve|submit|fill in|do) (?:my |the )?(?:timesheet|time sheet|expenses|mileage claim|mileage|overtime|flexi)|mileage rate|mileage allowance|translate|translation|^who won\\b|bake off|^(?:do you know )?when (?:(?:is|are) ofsted|ofsted (?:is|are|will be))\\b|\\b(?:going to|gonna|will it) (?:snow|rain)\\b|forecast|\\b\\S+ \'s (?:phone |mobile |direct |contact |office )?(?:number|extension|email(?: address)?)\\b|(?:pull|get|export|print|download) (?:the |a )?(?:chronology|case notes?|file|records?) (?:out of|from) (?:mosaic|lcs|liquidlogic|eclipse|carefirst|childview)|send me the minutes|the minutes (?:from|of)|dbs|helpdesk|help desk|service desk|it support|mileage claim|expenses claim|pay award|pay rise|salary|payroll|pension|(?:annual leave|leave|a l|holiday) (?:do i have |have i got |i have )?left|leave (?:balance|entitlement)|how much (?:annual )?leave|password|locked out|(?:update|fill in|complete) (?:the |my )?(?:chronology|genogram|case notes?)|(?:out of hours|ooh|edt|emergency duty) rota|payday|pay day|payslip|pay slip|lottery|syndicate|venue|return to work interview|who do i (?:ring|call|phone|contact)(?: (?:about|for|re))?|(?:is|when is|where is|if) the (?:christmas|xmas|leaving|summer) (?:party|do)|raffle|secret santa|(?:logging|logs|logged|kicking|kicks|locking|locks) me out|reset (?:my )?password|(?:laptop|computer|printer|vpn|wifi|outlook|mosaic|lcs|liquidlogic|eclipse|system) (?:is |keeps |won t |will not |isn t |is not |has )?(?:crashing|crashed|freezing|frozen|broken|down|not working|logging|playing up))\\b',
);

/** "history of CR-20417", "timeline for AB", "what's happened with C-10442 so far". */
const HISTORY_ASK = /\b(?:history|histories|timeline|time line|every step|each step|step by step|all the steps|audit trail|trail for|trail of|paper trail|audit log|story so far|track record of|chronology(?: of events)?|what (?:has|have|s|is) (?:been )?happen(?:ed|ing)|what happened|what went on|what (?:has|is) gone on|everything that (?:has |is )?happened|what (?:has|is|have) been done|log of (?:actions|events|what happened))\b/;

/**
 * Asked of one named statement or case (a reference or initials must be found too): who
 * did something to it, whether or when it was done — "who acknowledged CR-20417?", "was
 * CR-20388 downloaded?", "when was it opened and by who", "what's the story with C-10442".
 */
const HISTORY_OF_CASE = /\b(?:who (?:is|has|s) got|who (?:has |is |s )?had|who (?:has|owns|is dealing with|is working on)|whose is|who (?:has |is |s )?(?:opened|downloaded|read|acknowledged|saved|assigned|allocated|reassigned|closed|looked at|dealt with|picked up|moved|transferred|escalated|changed)|(?:was|has|when was|when did|did anyone|has anyone) (?:\S+ ){1,5}?(?:been |ever )?(?:opened|downloaded|read|acknowledged|saved|assigned|allocated|reassigned|closed|picked up|dealt with|told)|what is the (?:story|latest|update) (?:with|on)|(?:latest|update|updates|progress) on|what is happening (?:with|on)|events (?:on|for)|^(?:please |pls |can you |could you )?(?:trace|track)(?= [a-z]{1,4}-\d)|^(?:the )?(?:log|logs|audit|events|record)(?: for| of| on)?(?= [a-z]{1,4}-\d)|\bthe trail\b|\bwhy (?:did|was|has) \S+ (?:get |been |got )?(?:reassigned|moved|allocated|closed|assigned|passed)|where (?:is|are|s) (?:\S+ ){1,3}?(?:up to|at)$|where are we (?:up to |at )?with|(?:was|has|have) (?:\S+ ){1,4}?(?:been )?(?:saved|uploaded|added|attached|filed|put) (?:to|on|onto|in|into) (?:\S+ )?(?:mosaic|lcs|liquidlogic|eclipse|childview|carefirst|the system|the file|file|the record|record|case notes?))\b/;

/** "how do I record that I'm on leave": how to use Heard. */
const HOW_TO = /^(?:(?:can you |could you )?(?:show me|explain|tell me) how (?:to|do i|i) \S+|(?:\S+ )?how (?:do|can|should|would) (?:i|we) (?:(?:record|add|book|log|put in|enter|set|put) (?:that |my |an? |some |someone 's |someone else 's |their |his |her |a colleague 's )?(?:i am |i m |i will be |we are )?(?:on |off |going )?(?:leave|absence|annual leave|a l|holiday|sick|off|away|cover|training|statements?)|tell (?:heard|you|the bot)|let (?:heard|you|the bot) know|use (?:heard|you|this|it|the bot)|get heard to|ask (?:heard|you)|ask about|ask for|hand back|give back|hand over|pass back|decline|reject|(?:reassign|move|assign|allocate|transfer|broadcast|send a notice)\b(?! (?:my|\S+ 's) \S+ to\b)))\b/;

/** "how is Sam getting on", "how am I doing on my review timescales": how someone is doing. */
const HOW_IS_DOING = /^(?:\S+ )?how (?:is|s|are|am) (?:\S+ ){1,3}?(?:getting on|doing|coping|managing|performing|going|getting along|looking|shaping up)\b/;

/** "what CP visits have I got to do before the RCPC": the meeting work leads up to (not what is asked, when something else is). */
const BEFORE_MEETING = /\b(?:before|ahead of|prior to) (?:a |an |the |my |her |his |their )?(?:\S+ )?(?:review child protection conference|initial child protection conference|child protection conference|conference|review|core group|meeting|panel)s?\b/g;

/** "back from hols what havent i opened": the asker's own reading not done. */
const UNOPENED_ASKED = /\b(?:have i not|have not|haven t|havent|not yet|did i|have i|i have not|i haven t|i still have not|i still haven t|i never|i have never|i ve never) (?:\S+ )?(?:opened|read|looked at|downloaded|viewed)\b|\bdid i (?:open|read|look at|download|view)\b|\bnever been (?:opened|read|downloaded|viewed)\b|\bbeen opened by me\b|\b(?:not|un)(?:opened|viewed)\b/;

/** "help - how do I see my deadlines", "what can Heard report on": about Heard itself. */
const ABOUT_HEARD = /^help(?: me)? (?:how|what|understand|with using|to use|learn)\b|^what can (?:heard|you|the bot|this bot) (?:do|report|show|tell|answer|help)\b|\bhow do i (?:read|understand) (?:the |your )?cards\b|\bwhat does (?:\S+ ){1,2}mean on (?:the |a |your )?card\b/;
/**
 * A message that starts by sending a notice: "send a reminder to Northgate to …", "message the whole of
 * Westside: …", "broadcast to all SWs: …" — a notice, whatever its text goes on to say.
 */
export function sendsNoticeFirst(message: string): boolean {
  return /^\s*(?:please |pls )?send (?:a |an |the )?(?:reminder|notice|message|note|broadcast|update|announcement) (?:out )?to\b/i.test(message)
    || /^\s*(?:please |pls )?(?:message|tell|notify|inform|remind|ping|alert|warn|let|broadcast(?: to)?|announce(?: to)?|send (?:a |an |the )?(?:notice|message|broadcast|reminder)(?: to)?)\s+(?!me\b|us\b|you\b)[^:?]{1,60}:/i.test(message);
}

/** "give me Sam's …", "can you pass me all of Hana's …": someone's work asked for by the asker. */
export const GIVE_ME_SOMEONES = /^(?:(?:can you|could you|can u|please|pls|just) )*(?:give|pass|send|put|move) me (?:all (?:of )?)?\S+(?: \S+)? 's\b/;

/** "give me Sam's statements while he's off": someone's work, to the asker, for a while. */
const TO_ME = new RegExp(`${GIVE_ME_SOMEONES.source} (?:statements|stmts|momos|cases|work|caseload|stuff|ones)\\b(?: (?:while|whilst|until|till|til|for|from|over|during|this|next|today|tomorrow)\\b.*)?$`);

/** Intents that narrow to no kind of deadline. */
const NO_KIND: ReadonlySet<Intent> = new Set(['reassign', 'away', 'broadcast', 'delivery-report', 'history', 'greeting', 'help', 'unknown', 'when']);

/** A statement's reference: letters, a hyphen, digits (`CR-20430`, `C-1001`). */
const STATEMENT_REF = /\b([a-z]{1,4}-\d{3,})\b/;

/** "reassign CR-20430 to Sam", "assign CR-20388 to Hana", "give cr-20430 to me". */
const MOVE_ONE = /^[a-z]{1,4}-\d{3,} (?:to|onto) (?!(?:be|do|the|a)\b)\S+|\b(?:re-?assign|assign|move|give|pass|transfer|allocate|hand|send|switch|change)\b(?: \S+){0,3}? [a-z]{1,4}-\d{3,}(?: \S+){0,3}? (?:to|onto) \S+/;

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
  `|(?:anyone|anybody|everyone|everybody|people|someone) (?:still )?(?:not|has not|have not|hasn t|haven t|who has not|who hasn t|that has not|that hasn t) (?:yet )?(?:read|seen|opened|got|received|acknowledged) ${NOTICE}|who (?:still )?(?:needs|has|have) (?:yet )?to (?:read|open|see|acknowledge) ${NOTICE}` +
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
  if (new RegExp(`\\b(?:is|has) (?:he|she|they) (?:been |gone |going )?(?:${away}|back)\\b`).test(text) && !/\b(?:overdue|due(?! back)|breached|late|statements?)\b/.test(text)) return 'who';
  if (new RegExp(`\\b(?:who s|who is|who are|whos|who has|anyone|anybody|is anyone|is anybody|are any of|which of my (?:team|workers|staff|people)(?: is| are)?)\\b(?: \\S+){0,4}? ${away}\\b`).test(text) && !/\b(?:overdue|due|breached|late)\b/.test(text)) return 'who';
  // "who's covering for Leanne while she's off": who covers someone away.
  if (/^(?:\S+ )?who (?:is|s) (?:covering|cover) (?:for )?\S+/.test(text) && !/\b(?:overdue|due|breached|late)\b/.test(text)) return 'who';
  const asked = AWAY_QUESTION.exec(text);
  if (asked && asked[1].split(' ').some(isNameWord) && !/\b(?:overdue|due(?! back)|breached|late|statements?)\b/.test(text)) return 'who';
  if (/\b(?:who has|who s got|who has got) (?:booked )?(?:leave|time off|annual leave|holiday)\b|\b(?:list|show)(?: me)? (?:the )?(?:team s )?(?:absences|leave|holidays|who is off)\b|\bteam (?:absences|leave|holidays)\b/.test(text)) return 'who';
  if (/\b(?:am i|i am|am i still|is my leave|is my absence|have i got|do i have|have i) (?:down|booked|marked|recorded|showing|listed|set|put down|any leave|leave booked|any absence|any holidays?)\b|\b(?:show|list|check)(?: me)? my (?:leave|absences?|holidays?|annual leave|time off)\b|\bwhen is my (?:leave|holiday|annual leave|absence)\b|\bwhat (?:leave|holiday|absences?) (?:have i|do i have)\b/.test(text)) return 'mine';
  if (/\b(?:cancel|delete|remove|scrap|undo|withdraw|take back|drop|call off)\b(?: \S+){0,3}? (?:leave|absence|holiday|holidays|a l|annual leave|time off|sickness|training day)\b|\bnot (?:going on|taking) (?:leave|holiday|annual leave|the leave)\b|\bno longer (?:off|away|on leave)\b/.test(text)) return 'cancel';
  if (!hasDate && /^(?:(?:hi|hello|morning|good morning|hey)\s+)?(?:i am|i m|im) back\b|\b(?:back (?:at work|in work|in the office|from leave|from holiday|from sick leave|from annual leave)|(?:i have|i ve) returned|returned to work|i am back now)\b/.test(text)) return 'back';
  return null;
}

/** "is Hana away?", "when is Ali back", "is Sam in today": a question about one person's absence. */
export const AWAY_QUESTION = /^(?:(?:hi|hey|morning|quick question|just checking|sorry) )?(?:is|has|when is|when s|when will|when does|when do|will|do you know (?:if|when|whether)|do we know (?:if|when|whether)|does anyone know (?:if|when|whether)|any idea (?:if|when)|is it true) (\S+(?: \S+)?) (?:be |going to be |get |come |coming |gone |been |due )?(?:back|off|away|in today|in tomorrow|in the office|in work|in(?= ?$)|at work|working today|out|on leave|on annual leave|on holiday|sick|off sick|absent|returning|around|about today|booked (?:any |some )?(?:leave|annual leave|holidays?|time off))\b/;

/** "Priya back Monday?", "Ali off tomorrow?" (read as a question only when it ends with "?"). */
export const AWAY_ASKED_BARE = /^(\S+(?: \S+)?) (?:back|off|away|in|on leave|off sick) (?:(?:on |this |next )?(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|this week)|when)$/;

/** "transfer Dev's statements to Hana", "move everything from Sam to Priya": moving work to someone. */
export const MOVING = new RegExp(
  '\\b(?:move|reassign|reallocate|assign|allocate|transfer|hand over|hand|pass|give|switch|swap|redirect|shift|send|put|forward|divert|route)\\b(?: \\S+){0,6}? (?:statements?|cases?|work|caseload|stuff|everything|ones|momos|stmts) (?:(?:of|from|for) (?:\\S+ ){1,4})?(?:over |through |across )?(?:to|onto) \\S+' +
  // "Mark Ellis off sick, his statements to Priya Nair until Wednesday"
  "|\\b(?:his|her|their) (?:statements|momos|stmts|cases|work|caseload|stuff) (?:over )?(?:to|onto) (?!(?:be|do|go|get|come|the|a)\\b)\\S+" +
  // "my statements to Kev until the 9th pls"
  "|^(?:(?:please|pls|can you|could you) )?my (?:statements|momos|stmts|cases|work|caseload|stuff) (?:over )?(?:to|onto) (?!(?:be|do|go|get|come|the|a|date)\\b)\\S+" +
  // "move everything Mark has to me", "everything she had needs to go to Mark Ellis"
  "|\\b(?:everything|all|whatever|anything) (?:that )?(?:\\S+ ){1,2}(?:has|had|holds|is holding|has got)(?: got)?(?: (?:needs|need|should|can|must|will) (?:to )?(?:go|be moved|be passed))? (?:over )?(?:to|onto) (?!(?:be|do|go|get|come|the|a|an)\\b)\\S+" +
  // "can the statements for Ali go to Priya"
  "|\\b(?:can|could|should|will|shall) (?:all )?(?:of )?the (?:statements|cases|work|stuff|momos|stmts) (?:for|of|from) (?:\\S+ ){1,2}(?:go|goes|be moved|be passed|be given|move) (?:over |across )?(?:to|onto) \\S+" +
  // "his statements need to go to Summer"
  // "I would like Frank's statements moved to me"
  "|\\b\\S+ 's (?:statements|stmts|cases|work|caseload|stuff) (?:to be )?(?:moved|passed|given|sent|reassigned|transferred) (?:over |across )?(?:to|onto) \\S+" +
  "|\\b(?:his|her|their|\\S+ 's) (?:statements|stmts|cases|work|caseload|stuff) (?:(?:need|needs|will|should|can|must|have|has) (?:to )?|to )?(?:go|be moved|be passed|be given|be sent) (?:over |across )?(?:to|onto) (?!(?:the|a|an)\\b)\\S+" +
  // "put Rose's statements on Frank for next week"
  "|\\bput\\b(?: \\S+){0,4}? (?:statements?|cases?|work|caseload|stuff|stmts) (?:on|onto|with) (?!(?:the|a|hold|ice|my|today|tomorrow)\\b)\\S+" +
  // "can all of Will's go to Grace", "can my cases go to Jo"
  "|\\b(?:can|could|should|will|shall) (?:all (?:of )?)?(?:my|his|her|their|(?:\\S+ )?\\S+ 's)(?: \\S+){0,2}? (?:go|goes|come|be moved|be passed|be given|be sent|move) (?:over |across )?(?:to|onto) \\S+" +
  // "Everything assigned to Rose Finch needs to go to Frank Hale"
  "|\\b(?:everything|all|anything) (?:that is |currently )?(?:assigned|allocated) to (?:\\S+ ){1,2}(?:(?:needs|need|should|can|must|will) )?(?:to )?(?:go|be moved|move) (?:over )?(?:to|onto) \\S+",
);
