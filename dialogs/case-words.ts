import type { Normalised } from './normalise';

/**
 * The case-work words of a message (dialogs/labelled/README.md, "Case work"): which case,
 * statement or child a question is about, and which kind of deadline it narrows to.
 */

/** The kinds of deadline a question can narrow to. @example const k: DeadlineKind = 'visit'; */
export type DeadlineKind = 'visit' | 'review' | 'conference' | 'assessment' | 'plan' | 'statement';

/**
 * The words of each kind in normalised text (shorthand already spelt out: "cic" is
 * "children in care", "icpc" an initial child protection conference), in the order they
 * win: "review child protection conference" is a conference, "review health assessment"
 * an assessment, "care plan review" a plan's review.
 */
const KIND_WORDS: readonly [DeadlineKind, RegExp][] = [
  ['conference', /\b(?:conferences?|core groups?|core group meetings?|strategy (?:meeting|discussion)s?)\b/],
  // AssetPlus is the youth justice assessment.
  ['assessment', /\b(?:assessments?|assess|reassessments?|c and f|assetplus|asset plus)\b/],
  ['visit', /\b(?:visits?|visited|visiting|(?<!\bnot )seen|see the (?:child|kid|young person)|(?:need|have|got|due) to see|seeing (?:a |the |my )?(?:child|children|kid|kids|young person|young people))\b/],
  // ("when does TW's pathway plan need to be reviewed": the plan, reviewed.)
  ['review', /\b(?:reviews?|(?<!\bbe )reviewed|reviewing)\b/],
  // Not the verb: "trying to plan around a training day".
  // Not "my plan for the coming weeks" either (the asker's own planning).
  // ("any of my plans are out of date" are care plans.)
  ['plan', /(?<!\b(?:to|can|could|i|we|ll|will|and) )(?<!\bmy )\b(?:plans?|personal education plan|pathway plan)\b(?! (?:around|ahead|for the (?:coming|next|week|month))\b)|\bmy plans (?=are|due|overdue|out of date|need)/],
  // "momo" alone is a statement, but not the app it comes from ("unread from momo").
  ['statement', /\b(?:statements?|momos|(?<!\b(?:from|in|on|via|through|using|use|used|uses|of) )(?<!\b(?:figures|compliance|stats|numbers|data|performance) for )momo(?! app\b)|momo s|momo 's)\b/],
];

/**
 * The kind of deadline a (normalised) question asks about, or null when it names none.
 *
 * @example
 * kindOf('when is ab s next visit due'); // 'visit'
 * kindOf('what is due this week'); // null
 */
export function kindOf(text: string): DeadlineKind | null {
  for (const [kind, words] of KIND_WORDS) if (words.test(text)) return kind;
  return null;
}

/** A case's or statement's reference: letters, a hyphen, digits (`C-10442`, `CR-20417`), or typed without the hyphen (`cr20417`). */
const REFERENCE = /\b([a-z]{1,4}-\d+|[a-z]{1,3}\d{4,})\b/;

/**
 * Capitals that are shorthand, not a child's initials ("CiC", "IRO", "SW" …): never a case.
 */
const NOT_INITIALS = new Set(
  (
    'AL SV SVS HV CIC LAC CLA CP CPP CIN CWD IRO SW SWS TM PA PO HOS DM PSW NQSW ASYE ATM ASW OK IT UK PDF EHM LCS LL YJS YOS MOMO ICPC RCPC CPC IHA RHA PEP EHCP ' +
    'EHA FYI ASAP BST GMT AM PM WFH OOO TOIL HR NHS GP ID IDS YOT YJ EH SGO EPO ICO PLO SEN DSL DBS SLT QA ADM LA LAS ' +
    'CSC CS SC FGC TAF TAC CAF SAR PR CSE CCE DV DA MH LD ASD ADHD UASC UAS CLA CL SWU EDT OOH MP RO IO SO NFA TBC TBA ETA EOD COB ' +
    'OT YRO WS SMT SLT DMT CME EHAS PLT DOLS CAMHS WD WDS CG CGS HX IRH FFH CMH PE YJB DCS ' +
    'ME MY AND THE FOR WHO WHAT WHEN DUE ANY ALL NO YES HI PLS TY THX IS IN ON AT OF TO BY YP YPS FW FWD RE DCT CWDT LCT CICT DAT FST MASH VPN PC LL HOS HMRC NYE NY PS LC BSO LADO DSL PDP'
  ).split(' '),
);

/** Shorthand for a worker's role: "SW's caseload" is the social worker's, never a child's. */
/** Letters that stand for something other than a child even right after a meeting ("C&F assessment WS", "ICPC / RCPC / CG"). */
const NEVER_A_CHILD = /^(?:SWS?|TM|IRO|PA|PE|WS|WDS?|CGS?|HX|IRH|FFH|CMH|OT|YRO|SMT|SLT|DMT|TAF|TAC|CIN|CPP?|LAC|CLA|CIC|PEP|IHA|RHA|EHA|SGO|CAF|FGC|CPC|MASH|UASC)$/;

const ROLES = new Set('SW SWS TM IRO PA DM HOS PO SM ASW ATM PSW AP NQSW ASYE'.split(' '));

/** A kind of work about a child, in normalised text. */
const WORK = /\b(?:visits?|reviews?|plans?|assessments?|conferences?|core groups?|personal education plan|statements?)\b/;

/** Two-letter words that follow "the child" in a sentence ("tell the child we got it"): never initials. */
const SHORT_WORDS = new Set('we me us is it in on at to do go no so up an as am be by he if my of or ok has'.split(' '));

/** What follows a child's initials typed in lower case ("for bw now she's moved", "for rb due"). */
const AFTER_INITIALS = new Set('now due overdue late when whens is was has please pls yet so and then still'.split(' '));
/** Questions about a child's record, besides kinds of work ("timeline for kp", "the one from kp"). */
const CHILD_ASKS = /\b(?:timeline|history|momo|one|deadline|case)\b/;
/** A child's work after their initials ("lm's pep", "kd's rha", "hm's case"). */
const WORK_AFTER = /^(?:pep|peps|rha|iha|visit|visits|vizit|vizits|nex|nxt|review|reviews|cla|cic|cin|cp|lac|case|statement|statements|momo|momos|plan|plans|pathway|assessment|c&f|core|conference|next|stat|statutory|foster|placement|health|chronology|file|icpc|rcpc)$/i;

/** Words after which a lower-case pair of letters is a child's initials: "child ab", "for yp jk". */
const CHILD_WORDS = new Set(['child', 'kid', 'yp', 'young', 'person', 'initials', 'case']);

/**
 * The case, statement or child a message is about, as written (references upper-cased):
 * `C-10442`, `CR-20417`, initials `AB` — or null.
 *
 * @example
 * caseOf(normalise("when is AB's next visit due?")); // 'AB'
 * caseOf(normalise('history of cr-20417')); // 'CR-20417'
 */
export function caseOf(n: Normalised): string | null {
  // "ls-2297 sorry LCS-229741": the reference typed again after a correction.
  const corrected = /\b(?:sorry|i mean|i meant|meant|correction|should be|no)\b (?:\S+ )?([a-z]{1,4}-\d+|[a-z]{1,3}\d{4,})\b/.exec(n.text);
  if (corrected) return corrected[1].toUpperCase();
  const reference = REFERENCE.exec(n.text);
  if (reference) return reference[1].toUpperCase();
  // "what's due on liquidlogic ref 3309182": a number given as the case system's reference.
  const numbered = /\b(?:ref|reference|case|case number|case no|id|person id|child id|mosaic|lcs|liquidlogic|eclipse|carefirst|childview)(?: no| number| num| ref| id)? (\d{5,10})\b/.exec(n.text);
  if (numbered) return numbered[1];
  for (let i = 0; i < n.tokens.length; i++) {
    const typed = n.tokens[i].original.replace(/['’]s?$/, '');
    // "AB", "A.B", "AB's", typed in capitals.
    const letters = typed.replace(/\./g, '');
    if (/^(?:[A-Z]{2,3}|(?:[A-Z]\.){1,2}[A-Z]\.?)$/.test(typed) && !NOT_INITIALS.has(letters)) return letters;
    // "cg for MH due when", "rcpc MH", "ICPC 4 LW": letters right after a meeting about a child are the child's, whatever else they could stand for.
    const meeting = (k: number) => /^(?:cg|core|group|rcpc|icpc|cpc|conf|conference|review|lac|cic|cla|visit|sv|hv|strategy|pep|iha|rha|statement|momo|assessment|c&f|plan|pathway)$/i.test(n.tokens[k]?.original ?? '');
    if (/^[A-Z]{2,3}$/.test(typed) && !NEVER_A_CHILD.test(typed) && !meeting(i) && (meeting(i - 1) || (/^(?:for|4|re|on)$/i.test(n.tokens[i - 1]?.original ?? '') && meeting(i - 2)))) return typed;
    // "timeline for MH please": after asking what happened to someone, whatever else the letters could stand for.
    if (/^[A-Z]{2,3}$/.test(typed) && !NEVER_A_CHILD.test(typed) && /^(?:for|of|on)$/i.test(n.tokens[i - 1]?.original ?? '') && /^(?:timeline|history|log|trail|chronology)$/i.test(n.tokens[i - 2]?.original ?? '')) return typed;
    // "the AM case", "the JB family": a child's, whatever else the letters could stand for.
    if (/^[A-Z]{2,3}$/.test(typed) && !NEVER_A_CHILD.test(typed) && /^(?:case|family|children|kids|siblings|sibling group)$/i.test(n.tokens[i + 1]?.original ?? '') && /^the$/i.test(n.tokens[i - 1]?.original ?? '')
      && !/^(?:managers?|workers?|officers?|load|loads|notes|holders?|team)$/i.test(n.tokens[i + 2]?.original ?? '')) return typed;
    // "is EH's IHA due": a child's, whatever else the letters could stand for (not a worker's role).
    if (/^[A-Z]{2,3}['’]s$/.test(n.tokens[i].original) && !ROLES.has(letters) && !NEVER_A_CHILD.test(letters)) return letters;
    // "the next RCPC for the baby MH": after a word for the child, whatever else the letters stand for.
    if (/^[A-Z]{2,3}$/.test(typed) && !NEVER_A_CHILD.test(typed) && /^(?:baby|child|infant|toddler|yp)$/i.test(n.tokens[i - 1]?.original ?? '')) return typed;
    // "child ab", "young person jk": initials typed in lower case after a word for the child.
    const before = i > 0 ? n.tokens[i - 1].original.toLowerCase() : '';
    if (/^[a-z]{2}$/i.test(typed) && CHILD_WORDS.has(before) && !NOT_INITIALS.has(typed.toUpperCase()) && !SHORT_WORDS.has(typed.toLowerCase())) return typed.toUpperCase();
    // "when is my next PA visit due for jt", "is the iha for jb overdue", "timeline for kp": two letters after
    // "for", "on", "from" in a question about a child's work, ending it or before what is asked of it.
    const after = n.tokens[i + 1]?.original.toLowerCase().replace(/['’]s$/, '');
    if (/^[a-z]{2}$/.test(typed) && ['for', 'on', 're', 'from', 'about'].includes(before) && (WORK.test(n.text) || CHILD_ASKS.test(n.text))
      && (after === undefined || AFTER_INITIALS.has(after)) && !NOT_INITIALS.has(typed.toUpperCase()) && !SHORT_WORDS.has(typed)) return typed.toUpperCase();
    // "when is lm's pep due", "am i overdue on ab's visit": two lower-case letters owning a child's work.
    if (/^[a-z]{2}['’]s$/.test(n.tokens[i].original) && WORK_AFTER.test(n.tokens[i + 1]?.original ?? '') && !NOT_INITIALS.has(letters.toUpperCase()) && !SHORT_WORDS.has(letters)) return letters.toUpperCase();
  }
  return null;
}
