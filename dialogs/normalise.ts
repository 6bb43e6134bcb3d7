import { leven } from '@nlpjs/similarity';
import { CORPUS } from './corpus';

/**
 * One word of the message as typed, and what it means in plain words (an abbreviation
 * or a contraction can stand for several: `a/l` → `annual leave`).
 */
export interface Token {
  /** As typed, e.g. `Sam's`. */
  original: string;
  /** Index of the first character in the message. */
  start: number;
  /** Plain lower-case words, e.g. `['sam', "'s"]`. */
  words: string[];
}

/**
 * A message made plain for matching: lower case, emoji and punctuation gone, British
 * shorthand spelt out, contractions opened, obvious typos fixed — with a way back to the
 * words as typed, so names are reported exactly as the person wrote them.
 */
export interface Normalised {
  /** The plain words joined by single spaces. */
  text: string;
  tokens: Token[];
  /** For each word of `text`, the index of the token it came from. */
  tokenOfWord: number[];
  /** Spelling fixes made, e.g. `['statments→statements']`. */
  corrections: string[];
}

/** Shorthand people type in Teams, and what it stands for. */
const SHORTHAND: Readonly<Record<string, string>> = {
  'a/l': 'annual leave',
  'a.l': 'annual leave',
  'ooo': 'out of office',
  'o/o/o': 'out of office',
  toil: 'time off in lieu',
  hols: 'holiday',
  hol: 'holiday',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmw: 'tomorrow',
  tmoz: 'tomorrow',
  tomoz: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  '2day': 'today',
  tdy: 'today',
  yday: 'yesterday',
  wk: 'week',
  wks: 'weeks',
  wek: 'week',
  weks: 'weeks',
  mth: 'month',
  mnth: 'month',
  mths: 'months',
  mnths: 'months',
  hw: 'how',
  // Northern English: "owt due fri?", "nowt overdue".
  owt: 'anything',
  nowt: 'nothing',
  summat: 'something',
  thankyou: 'thank you',
  thanku: 'thank you',
  thnks: 'thanks',
  thks: 'thanks',
  wkend: 'weekend',
  eow: 'end of the week',
  nxt: 'next',
  pls: 'please',
  plz: 'please',
  plse: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  ty: 'thank you',
  ta: 'thanks',
  u: 'you',
  ur: 'your',
  r: 'are',
  b4: 'before',
  bfore: 'before',
  til: 'until',
  till: 'until',
  untill: 'until',
  untl: 'until',
  thru: 'through',
  hrs: 'hours',
  hr: 'hour',
  wd: 'working days',
  wds: 'working days',
  wdays: 'working days',
  whrs: 'working hours',
  cic: 'children in care',
  cp: 'child protection',
  cpp: 'child protection plan',
  cin: 'child in need',
  icpc: 'initial child protection conference',
  icpcs: 'initial child protection conferences',
  rcpc: 'review child protection conference',
  rcpcs: 'review child protection conferences',
  cpc: 'child protection conference',
  cpcs: 'child protection conferences',
  eha: 'early help assessment',
  ehas: 'early help assessments',
  iha: 'initial health assessment',
  ihas: 'initial health assessments',
  rha: 'review health assessment',
  rhas: 'review health assessments',
  pep: 'personal education plan',
  peps: 'personal education plans',
  lac: 'children in care',
  cla: 'children in care',
  hvs: 'home visits',
  sv: 'statutory visit',
  stat: 'statutory',
  svs: 'statutory visits',
  hv: 'home visit',
  pa: 'personal adviser',
  sw: 'social worker',
  sws: 'social workers',
  tm: 'team manager',
  stmt: 'statement',
  stmts: 'statements',
  momos: 'statements',
  msg: 'message',
  '%': 'percent',
  '->': 'to',
  '→': 'to',
  msgs: 'messages',
  hist: 'history',
  evry1: 'everyone',
  every1: 'everyone',
  evryone: 'everyone',
  aft: 'afternoon',
  mgr: 'manager',
  mgrs: 'managers',
  mngr: 'manager',
  mngrs: 'managers',
  ppl: 'people',
  abt: 'about',
  wrkrs: 'workers',
  chron: 'chronology',
  bcast: 'broadcast',
  info: 'information',
  mon: 'monday',
  tue: 'tuesday',
  tues: 'tuesday',
  wed: 'wednesday',
  weds: 'wednesday',
  thu: 'thursday',
  thur: 'thursday',
  thurs: 'thursday',
  fri: 'friday',
  sun: 'sunday',
  whats: 'what is',
  wats: 'what is',
  wots: 'what is',
  whts: 'what is',
  wht: 'what',
  wot: 'what',
  "wot's": 'what is',
  'o/d': 'overdue',
  'o/due': 'overdue',
  mv: 'move',
  hsa: 'has',
  teh: 'the',
  waht: 'what',
  conf: 'conference',
  confs: 'conferences',
  cg: 'core group',
  cgs: 'core groups',
  mvoe: 'move',
  moev: 'move',
  tkae: 'take',
  tiem: 'time',
  sumary: 'summary',
  'c&f': 'c and f',
  'c&fs': 'c and f assessments',
  cna: 'can',
  whast: 'what is',
  tmorow: 'tomorrow',
  tomorow: 'tomorrow',
  figs: 'figures',
  xmas: 'christmas',
  '&': 'and',
  '+': 'and',
  crt: 'court',
  wat: 'what',
  im: 'i am',
  ive: 'i have',
  dont: 'do not',
  didnt: 'did not',
  havent: 'have not',
  hasnt: 'has not',
  isnt: 'is not',
  arent: 'are not',
  cant: 'can not',
  wont: 'will not',
  whos: 'who is',
  whens: 'when is',
  hows: 'how is',
  gonna: 'going to',
  gotta: 'have to',
  wanna: 'want to',
  asap: 'as soon as possible',
  iro: 'iro',
  hx: 'history',
  wrkin: 'working',
  workin: 'working',
  wrking: 'working',
  whta: 'what',
  todya: 'today',
  hve: 'have',
  wkg: 'working',
  wkng: 'working',
  wrkg: 'working',
  kno: 'know',
  shes: 'she is',
  hes: 'he is',
  revue: 'review',
  revues: 'reviews',
  monos: 'statements',
  "mono's": 'statements',
  // Spelt as said (dyslexia, dictation, haste): the words that decide what a message means.
  // "re-assign Femi statements to Lou": one word, hyphen or not.
  're-assign': 'reassign',
  're-assigned': 'reassigned',
  're-allocate': 'reallocate',
  're-allocated': 'reallocated',
  dew: 'due',
  whatsoverdue: 'what is overdue',
  whatsdue: 'what is due',
  helo: 'hello',
  du: 'due',
  overdew: 'overdue',
  eny: 'any',
  enything: 'anything',
  nex: 'next',
  hav: 'have',
  havnt: 'have not',
  wen: 'when',
  frum: 'from',
  moov: 'move',
  stuf: 'stuff',
  wile: 'while',
  dun: 'done',
  tomoro: 'tomorrow',
  tomorro: 'tomorrow',
  vizit: 'visit',
  vizits: 'visits',
  statmunt: 'statement',
  statmunts: 'statements',
  dedline: 'deadline',
  dedlines: 'deadlines',
  carnt: 'can not',
  anual: 'annual',
  leev: 'leave',
  agust: 'august',
  wensday: 'wednesday',
  wendsday: 'wednesday',
  helth: 'health',
  munth: 'month',
  manijer: 'manager',
  weak: 'week',
  weaks: 'weeks',
};

/** Contractions with an apostrophe (straight or curly). */
const CONTRACTIONS: Readonly<Record<string, string>> = {
  "what's": 'what is',
  "who's": 'who is',
  "how's": 'how is',
  "when's": 'when is',
  "where's": 'where is',
  "that's": 'that is',
  "it's": 'it is',
  "there's": 'there is',
  "i'm": 'i am',
  "i've": 'i have',
  "i'll": 'i will',
  "i'd": 'i would',
  "we've": 'we have',
  "you've": 'you have',
  "they've": 'they have',
  "we'll": 'we will',
  "you'll": 'you will',
  "she's": 'she is',
  "he's": 'he is',
  "wasn't": 'was not',
  "couldn't": 'could not',
  "wouldn't": 'would not',
  "we're": 'we are',
  "you're": 'you are',
  "they're": 'they are',
  "don't": 'do not',
  "didn't": 'did not',
  "doesn't": 'does not',
  "haven't": 'have not',
  "hasn't": 'has not',
  "isn't": 'is not',
  "aren't": 'are not',
  "can't": 'can not',
  "won't": 'will not',
  "shouldn't": 'should not',
  "let's": 'let us',
  "o'clock": 'oclock',
};

/**
 * The words a typo is corrected towards: the ones that decide what a message means.
 * Only these, so that a name ("Hana") is never "corrected" into an ordinary word ("hand").
 */
const KEYWORDS: ReadonlySet<string> = new Set(
  [
    'statement statements overdue tomorrow yesterday today tonight assigned unassigned allocated unallocated allocate',
    'opened unopened downloaded download unread received deadline deadlines timescale timescales reassign reassigned',
    'transfer covering cover annual leave sickness holiday training absence absent weekend fortnight',
    'monday tuesday wednesday thursday friday saturday sunday',
    // Not 'march' or 'june': a typo is not worth reading Marc or Jane as a month.
    'january february april july august september october november december',
    'working business before after until between through queue participation manager workers worker',
    'breached breach acknowledge acknowledged outstanding please thanks hello morning afternoon evening',
    'review visit visits complaint complaints standard standards week weeks month months hours days',
    'next last this coming team anything everything missed late statistics performance help commands',
    'children child protection conference assessment record recorded caseload deadline upcoming',
    'reviews conferences assessments visited history timeline happened chronology coping managing getting',
    'broadcast notice announcement message everyone everybody delivered acknowledged examples reached reach later covered',
  ]
    .join(' ')
    .split(' '),
);

/** Everyday words one letter from a keyword ("term" is not "team", "text" not "next"). */
const NOT_TYPOS = 'term terms text texts lost held seek preview date dates rate rates gate mate lane timeliness leaver leavers jury hoping hoped each resigned resign resigning designed designated remember remembered hitting mondays tuesdays wednesdays thursdays fridays saturdays sundays reviewed visited assessed planned putting logging leaves booking booked taking leaving deliveries visitor visitors';

/** Words already right: everything the corpus and the keywords use. */
const VOCABULARY: ReadonlySet<string> = new Set(
  [...Object.values(CORPUS).flat(), ...KEYWORDS, NOT_TYPOS]
    .join(' ')
    .split(/\s+/)
    .filter((w) => /^[a-z]+$/.test(w)),
);

/** Keywords by length, so a correction only compares words that could be within reach. */
const KEYWORDS_BY_LENGTH = (() => {
  const map = new Map<number, string[]>();
  for (const w of [...KEYWORDS].sort()) {
    const list = map.get(w.length) ?? [];
    list.push(w);
    map.set(w.length, list);
  }
  return map;
})();

/** Two neighbouring letters swapped ("hlep", "statmenet") counts as one slip, not two. */
function swapDistance(word: string, candidate: string): number {
  const d = leven(word, candidate);
  if (d !== 2 || word.length !== candidate.length) return d;
  const diff = [...word].flatMap((c, i) => (c === candidate[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && word[diff[0]] === candidate[diff[1]] && word[diff[1]] === candidate[diff[0]] ? 1 : d;
}

/**
 * The corrected spelling of a word outside the vocabulary: the nearest keyword at edit
 * distance 1 (words of 4–6 letters) or 2 (7 or more), a swap of two neighbouring letters
 * counting as one, or the word itself.
 * Short words are never corrected (they are too often names or initials).
 */
function corrected(word: string): string {
  if (word.length < 4 || VOCABULARY.has(word) || !/^[a-z]+$/.test(word)) return word;
  const reach = word.length >= 7 ? 2 : 1;
  let best = word;
  let bestDistance = reach + 1;
  for (let len = word.length - reach; len <= word.length + reach; len++) {
    for (const candidate of KEYWORDS_BY_LENGTH.get(len) ?? []) {
      const d = swapDistance(word, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
  }
  return best;
}

/** Words of a message: letters/digits with inner `/ . ' : -` kept (`a/l`, `3/12`, `2.1`, `Sam's`, `16:30`), `%` and an arrow (`->`, read "to"). */
// (A plural's apostrophe is kept: "Hope Adams' work" is hers.)
const WORD = /[\p{L}\p{N}]+(?:[/.'’:&-][\p{L}\p{N}]+)*(?:(?<=s)['’](?![\p{L}\p{N}]))?|%|->|→|&|\+/gu;

/** Punctuation said aloud to dictation ("JB is in a new placement comma when do I next visit him question mark"). */
const SPOKEN_PUNCTUATION: readonly [RegExp, string][] = [
  [/\s*\b(?:question mark)\b/gi, '?'],
  [/\s*\b(?:exclamation mark|exclamation point)\b/gi, '!'],
  [/\s*\bfull stop\b/gi, '.'],
  [/\s*\bcomma\b/gi, ','],
  [/\s*\bcolon\b/gi, ':'],
  [/\s*\bnew (?:line|paragraph)\b/gi, '.'],
];

/**
 * The message with punctuation said aloud written as punctuation, so that its sentences and
 * names read as typed ("… comma Rose is covering" → "…, Rose is covering"). Not "period":
 * "for the period 1 to 5 June" means a period.
 *
 * @example
 * spokenPunctuation('off until friday comma Rose is covering'); // 'off until friday, Rose is covering'
 */
export function spokenPunctuation(message: string): string {
  if (!/\b(?:comma|colon|question mark|exclamation|full stop|new line|new paragraph)\b/i.test(message)) return message;
  return SPOKEN_PUNCTUATION.reduce((text, [pattern, mark]) => text.replace(pattern, mark), message);
}

/**
 * Makes a message plain for matching and keeps the way back to what was typed.
 *
 * @example
 * normalise("Whats due tmrw for Sam's team?? 🙏").text; // 'what is due tomorrow for sam 's team'
 */
export function normalise(message: string): Normalised {
  const tokens: Token[] = [];
  const corrections: string[] = [];
  const matches = [...message.matchAll(WORD)];
  const capital = (word: string | undefined) => word !== undefined && /^\p{Lu}\p{Ll}/u.test(word);
  for (const [k, match] of matches.entries()) {
    const original = match[0];
    // A capital inside a sentence is a name ("overdue for Kate"), never a typo of "late"; so is a
    // capital starting one before another ("Kate Morris has left").
    const name = capital(original) && ((tokens.length > 0 && !/[.!?]\s*$/.test(message.slice(0, match.index))) || capital(matches[k + 1]?.[0]));
    tokens.push({ original, start: match.index ?? 0, words: plainWords(original, corrections, !name) });
  }
  tokens.forEach((token, i) => {
    if (isNameInPlace(tokens, i, message)) token.words = token.words[1] === "'s" ? [NAME_STAND_IN, "'s"] : [NAME_STAND_IN];
    // "due 15-03?", "until 12-03": a day and month joined by a dash ("8-12 June" is a period of days).
    else if (/^\d{1,2}-\d{1,2}$/.test(token.original) && dashedDate(token.original) && !MONTH_NAME.test(tokens[i + 1]?.original ?? '')) token.words = [token.original.replace('-', '/')];
    // "until 17.4", "whats due 22.7", "13.7 - 24.7": a day and month with a dot after a word that takes a date (a standard's number stays: "what does 2.1 say").
    else if (/^\d{1,2}\.\d{1,2}$/.test(token.original) && dottedDate(tokens, i, message)) {
      const joined = /^\d{1,2}\.\d{1,2}$/.test(tokens[i + 1]?.original ?? '') && /^\s*[-–]\s*$/.test(message.slice(token.start + token.original.length, tokens[i + 1].start));
      token.words = joined ? [token.original.replace('.', '/'), 'to'] : [token.original.replace('.', '/')];
    }
    // "what is over do for me": overdue, as heard by dictation.
    else if (token.original.toLowerCase() === 'over' && (/^due$/i.test(tokens[i + 1]?.original ?? '') || (/^do$/i.test(tokens[i + 1]?.original ?? '') && /^(?:is|s|anything|what|whats|what's|what’s|wots|nothing)$/i.test(tokens[i - 1]?.original ?? '')))) {
      token.words = ['overdue'];
      tokens[i + 1].words = [];
    }
    // "the twenty eighth": a day of the month in words.
    else if (ORDINAL_WORDS[token.original.toLowerCase()] !== undefined && ordinalIsDate(tokens, i)) {
      const tens = /^(?:twenty|thirty)$/i.test(tokens[i - 1]?.original ?? '') ? (tokens[i - 1].original.toLowerCase() === 'twenty' ? 20 : 30) : 0;
      if (tens) tokens[i - 1].words = [];
      token.words = [`${tens + ORDINAL_WORDS[token.original.toLowerCase()]}${suffixOf(tens + ORDINAL_WORDS[token.original.toLowerCase()])}`];
    }
    // Text-speak: "due 4 me", "stmts 2 dan" ("4 weeks", "have 2 statements" keep their numbers).
    else if (token.original === '4' && FOR_AFTER_4.test(tokens[i + 1]?.original ?? '') && !NOT_BEFORE_4_OR_2.test(tokens[i - 1]?.original ?? 'the')) token.words = ['for'];
    else if (token.original === '2' && TO_BEFORE_2.test(tokens[i - 1]?.original ?? '') && !NOT_AFTER_2.test(tokens[i + 1]?.original ?? '')) token.words = ['to'];
    // "im on al from 22/12": annual leave, typed without its slash (Al the name is capitalised, or not after "on").
    else if (token.original === 'al' && /^(?:on|my|some|book|booked|booking|taking|take)$/i.test(tokens[i - 1]?.original ?? '')) token.words = ['annual', 'leave'];
    // "hv i got any breaches": "have" before a person; a home visit elsewhere ("any hvs due", "hv on friday").
    else if (token.original.toLowerCase() === 'hv' && /^(?:i|you|u|we|they|he|she|my|the|to)$/i.test(tokens[i + 1]?.original ?? '')) token.words = ['have'];
    // "any plans due dis month": text-speak "this" before a period ("dis" alone may be disability: "the dis team").
    else if (token.original.toLowerCase() === 'dis' && /^(?:week|wk|month|mth|mnth|weekend|wkend|morning|afternoon|evening|year|fortnight|term|quarter)$/i.test(tokens[i + 1]?.original ?? '')) token.words = ['this'];
    // "2 + 2" is a sum; "thurs + fri" two days.
    else if (token.original === '+' && /^\d/.test(tokens[i - 1]?.original ?? '') && /^\d/.test(tokens[i + 1]?.original ?? '')) token.words = ['plus'];
    // "statements i havnt red yet", "i need to no wot i hav dew": read and know, spelt as said.
    else if (token.original.toLowerCase() === 'red' && /^(?:havnt|havent|haven't|not|never|i|have|already|yet|been|hav)$/i.test(tokens[i - 1]?.original ?? '')) token.words = ['read'];
    else if (token.original.toLowerCase() === 'no' && /^(?:to|dont|don't|didnt|didn't|i|u|you|we)$/i.test(tokens[i - 1]?.original ?? '') && /^(?:if|wot|what|wat|wen|when|who|whether|how|where)$/i.test(tokens[i + 1]?.original ?? '')) token.words = ['know'];
    // "mist eny dedlines": missed.
    else if (token.original.toLowerCase() === 'mist' && /^(?:i|have|hav|i've|ive)$/i.test(tokens[i - 1]?.original ?? '')) token.words = ['missed'];
    // "wots dew bi wensday": by.
    // (Before a day, or a word the shorthand table spells out: "bi wensday", "bi tmrw".)
    else if (token.original.toLowerCase() === 'bi' && i > 0 && (WEEKDAY_SHORT.test(tokens[i + 1]?.original.toLowerCase() ?? '') || SHORTHAND[tokens[i + 1]?.original.toLowerCase() ?? ''] !== undefined)) token.words = ['by'];
    // "lacs due this month?", "whens the next lac for CR-20533": a LAC is the child's looked-after review, said as a thing.
    else if (/^(?:lac|lacs|cla|clas)$/i.test(token.original) && (/^(?:lacs|clas)$/i.test(token.original) ? !/^(?:reviews?|visits?|children|kids|team|cases?|statements?|workers?|health)$/i.test(tokens[i + 1]?.original ?? '') : /^(?:next|a|the|first|second|any|my|this|that)$/i.test(tokens[i - 1]?.original ?? '') && !/^(?:reviews?|visits?|child|children|kids|team|cases?|statements?|workers?|health|kid|conference|training|forum|event|meeting)$/i.test(tokens[i + 1]?.original ?? ''))) token.words = ['children', 'in', 'care', /s$/i.test(token.original) ? 'reviews' : 'review'];
    // "teams visits this wk": the team's.
    else if (i === 0 && token.original.toLowerCase() === 'teams' && /^(?:visits|reviews|statements|deadlines|work|cases|assessments|plans|conferences)$/i.test(tokens[i + 1]?.original ?? '')) token.words = ['team', "'s"];
    // "anything due sat": Saturday after a word that names a day, else the verb ("I sat with him").
    else if (token.words.length === 1 && token.words[0] === 'sat' && (i === tokens.length - 1 || SAT_AS_DAY.test(tokens[i - 1]?.original ?? ''))) token.words = ['saturday'];
  });
  // "21st Dec - 4th Jan", "24/12 - 2/1": two dates with a dash between them are a period.
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (next === undefined || !/^\s+[-–—]\s+$|^[–—]$/.test(message.slice(token.start + token.original.length, next.start))) return;
    const dateEnd = /^\d{1,2}(?:st|nd|rd|th)?$|^\d{1,2}\/\d{1,2}(?:\/\d{2,4})?$/.test(token.original) || (MONTH_NAME.test(token.original) && /^\d/.test(tokens[i - 1]?.original ?? ''))
      // ("9th March 2026 - 13th March 2026")
      || (/^20\d\d$/.test(token.original) && MONTH_NAME.test(tokens[i - 1]?.original ?? ''));
    if (dateEnd && /^\d{1,2}(?:st|nd|rd|th)?$|^\d{1,2}\/\d{1,2}(?:\/\d{2,4})?$/.test(next.original) && !token.words.includes('to')) token.words = [...token.words, 'to'];
  });
  const words: string[] = [];
  const tokenOfWord: number[] = [];
  tokens.forEach((token, i) => {
    for (const w of token.words) {
      words.push(w);
      tokenOfWord.push(i);
    }
  });
  return { text: words.join(' '), tokens, tokenOfWord, corrections };
}

/**
 * Words that are also first names: "April", "Will", "Mark". Typed as a name, such a word is
 * read as one: the plain text carries {@link NAME_STAND_IN} in its place, so that neither
 * the dates ("has April got any reviews due" is not the month) nor the classifier ("Will's
 * deadlines" is not "will") read it as the word; the name is still reported as typed.
 */
const NAME_WORDS = new Set(
  'april may june august will mark grace dawn summer autumn hope faith rose joy bill pat sue rob jack frank amber ruby holly iris robin drew ray eve ivy lily heather'.split(' '),
);
const MONTHS = new Set(['april', 'may', 'june', 'august']);

/**
 * A name typed in lower case ("overdue for will?", "jack overdue", "faith - anything
 * overdue?", "show me will's visits", "has frank let anything slip"): only where the word
 * cannot be the word. Months stay months.
 */
function lowerCaseNameInPlace(tokens: Token[], i: number, message: string): boolean {
  const token = tokens[i];
  const word = token.original.replace(/['’]s?$/i, '').toLowerCase();
  const previous = tokens[i - 1]?.original.toLowerCase();
  const next = tokens[i + 1]?.original.toLowerCase();
  const after = message.slice(token.start + token.original.length);
  // Where no month or verb could stand: "april is off sick", "frank rang in sick", ", summer will cover",
  // "what has april got due", "whats april jones got due", "move grace's statements to april till 18/12".
  const startsPart = i === 0 || /[,;.!?]\s*$/.test(message.slice(0, token.start));
  if (leadsQuestion(tokens, i)) return true;
  // "reassign april's to me": someone's.
  if (token.words[1] === "'s" && !/^\d/.test(tokens[i + 1]?.original ?? '')) return true;
  if (startsPart && /^(?:is|has|rang|was|isn't|isnt|hasn't|hasnt)$/.test(next ?? '')) return true;
  if (/^(?:has|does|did)$/.test(previous ?? '') && /^(?:got|have|had)$/.test(next ?? '')) return true;
  // "whats will got overdue", "whats april jones got due".
  if (/^(?:what's|whats|wots|wot's)$/.test(previous ?? '') && (next === 'got' || (/^[a-z]+$/.test(next ?? '') && tokens[i + 2]?.original.toLowerCase() === 'got'))) return true;
  // "move them to will", "rose's stuff to will until 3/4": the one work goes to.
  if (previous === 'to' && (MOVE_WORDS.test(message.slice(0, token.start)) || /\b(?:statements|stmts|momos|cases|work|stuff|caseload)\s+to\s*$/i.test(message.slice(0, token.start))) && !/^\d/.test(next ?? '') && !/^(?:st|nd|rd|th)$/.test(next ?? '')) return true;
  // "is will overdue on anything?", "do we know when april is back": a name asked about.
  if (/^(?:is|has)$/.test(previous ?? '') && /^(?:overdue|behind|late|off|away|back|due|on|still)$/.test(next ?? '')) return true;
  if (/^(?:when|if|whether)$/.test(previous ?? '') && next === 'is' && /^(?:back|off|away|on|in|due|returning)$/.test(tokens[i + 2]?.original.toLowerCase() ?? '')) return true;
  // "hows april doing", "can april nwosu's stmts go": a name before "doing" or before a surname's.
  if (/^(?:hows|how's|how)$/.test(previous ?? '') && /^(?:doing|getting|coping|managing|performing|getting)$/.test(next ?? '')) return true;
  if (/['’]s$/.test(tokens[i + 1]?.original ?? '') && /^[a-z]+['’]s$/.test(tokens[i + 1].original) && !/^(?:today|tomorrow|yesterday|week|month|year|weekend|team|child|kid)['’]s$/i.test(tokens[i + 1].original)) return true;
  if (MONTHS.has(word)) return false;
  if (token.words[1] === "'s") return true;
  if (startsPart && /^(?:will|can|s|covering|to)$/.test(next ?? '') && !/^will$/.test(word)) return true;
  // "hope off next wk, will covering": a name before the cover.
  if (startsPart && /^(?:covering|covers|is|has)$/.test(next ?? '')) return true;
  // "summer -> jade until fri": whose, moved to whom.
  if ((i === 0 && /^(?:->|→)$/.test(tokens[i + 1]?.original ?? '')) || /^(?:->|→)$/.test(tokens[i - 1]?.original ?? '')) return true;
  if (previous === 'for' && /^(?:this|next|today|tomorrow|on|by|please|pls|at|in)$/.test(next ?? '')) return true;
  if (previous === 'for' && /^[\s?!.]*$/.test(after)) return true;
  if (i === 0 && (/^\s*[-:–—]/.test(after) || ['overdue', 'due', 'late', 'deadlines'].includes(next ?? ''))) return true;
  return previous === 'has' && ['let', 'got', 'gone', 'been', 'done', 'missed'].includes(next ?? '');
}
/**
 * A name first, then what is asked about them: "april overdue", "Frank due before the 11th",
 * "will on a/l thurs and fri", "April a/l til 4 jan", "grace late on any reviews" — not a
 * month's dates ("April due 3rd").
 */
function leadsQuestion(tokens: Token[], i: number): boolean {
  return i === 0 && /^(?:overdue|due|late|on|off|away|sick|still|a\/l|al)$/i.test(tokens[i + 1]?.original ?? '') && !/^\d/.test(tokens[i + 2]?.original ?? '');
}

/** Words before a day and month with a dot that make it a date ("until 17.4", "due 22.7"). */
const BEFORE_DOTTED_DATE = /^(?:until|till|til|on|by|from|due|before|after|to|and|w\/c|leave|off|away|back|thru|through)$/i;

function dashedDate(text: string): boolean {
  const [day, month] = text.split('-').map(Number);
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function dottedDate(tokens: Token[], i: number, message: string): boolean {
  const [day, month] = tokens[i].original.split('.').map(Number);
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  if (BEFORE_DOTTED_DATE.test(tokens[i - 1]?.original ?? '')) return true;
  // One of two joined by a dash: "13.7 - 24.7".
  const other = (k: number) => /^\d{1,2}\.\d{1,2}$/.test(tokens[k]?.original ?? '');
  if (other(i + 1) && /^\s*[-–]\s*$/.test(message.slice(tokens[i].start + tokens[i].original.length, tokens[i + 1].start))) return true;
  return other(i - 1) && /^\s*[-–]\s*$/.test(message.slice(tokens[i - 1].start + tokens[i - 1].original.length, tokens[i].start));
}

/** Ordinal words for days of the month. */
const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

/** "the twenty ninth", "on the fourteenth", "by the 2nd": an ordinal word that is a day of the month, not "the first review". */
function ordinalIsDate(tokens: Token[], i: number): boolean {
  const before = (k: number) => tokens[i - k]?.original.toLowerCase() ?? '';
  const next = tokens[i + 1]?.original.toLowerCase() ?? '';
  if (/^(?:twenty|thirty)$/.test(before(1)) && before(2) === 'the') return ORDINAL_WORDS[tokens[i].original.toLowerCase()] <= 9;
  if (before(1) !== 'the' || !/^(?:on|by|until|till|til|before|due|from|after|for|to)$/.test(before(2))) return false;
  return !/^(?:review|visit|conference|meeting|one|time|child|placement|core|assessment|plan|statement|of)s?$/.test(next) || (next === 'of' && MONTH_NAME.test(tokens[i + 2]?.original ?? ''));
}

const MONTH_NAME = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

function suffixOf(day: number): string {
  return day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
}

/** Words after "4" that make it "for" ("due 4 me", "4 the team"). */
const FOR_AFTER_4 = /^(?:me|u|you|my|him|her|them|us|the|team|everyone|today|tomorrow|tmrw|2day|this|next|a|an)$/i;
/** Words before "4" or "2" that keep it a number ("the 4 of them", "next 2 weeks"). */
const NOT_BEFORE_4_OR_2 = /^(?:\d+|next|last|the|about|around|over|under|only|just|first|top)$/i;
/** Words before "2" that make it "to" ("stmts 2 dan", "need 2 plan"). */
const TO_BEFORE_2 = /^(?:move|mv|moved|stmts?|statements?|momos?|cases?|work|caseload|go|goes|going|over|need|needs|want|wants|have|has|got|able|back|them|it|reassign|transfer|pass|give|send|switch)$/i;
/** Words after "2" that keep it a number ("have 2 statements", "2 days"). */
const NOT_AFTER_2 = /^(?:days?|weeks?|hours?|months?|mins?|minutes?|working|statements?|stmts?|cases?|visits?|reviews?|momos?|things?|items?|more|of|or|and|pm|am)$/i;
const WEEKDAY_SHORT = /^(?:mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday)$/;
const SAT_AS_DAY = /^(?:due|on|by|until|till|til|for|this|next|before|from|to|and|or|thru|through|between|w\/e)$/i;
/** A name the classifier's corpus knows, standing in for a name that is also a word. */
export const NAME_STAND_IN = 'sam';
/** Words before a month that make it the month ("in June", "until April", "end of May"). */
const BEFORE_A_MONTH = new Set('in of by until till til from before after since during through throughout end early mid late next last this every each for due on and or around over into across whole all rest'.split(' '));
/** Words after a name at the start of a sentence that make it a name ("Grace is off", "June has …"). */
const AFTER_A_NAME = new Set('is has s got back off away hasnt isnt was will did does can says said wants rang reckons thinks on'.split(' '));
/** Work after a name at the start of a message that makes it whose work it is ("Frank visits due…", "Hope overdue?"). */
const WORK_AFTER_A_NAME = new Set('visits reviews statements stmts momos cases caseload deadlines overdue due assessments conferences plans'.split(' '));
const MOVE_WORDS = /\b(?:move|moving|reassign|reallocate|transfer|give|pass|hand|send|put|go|goes|over|switch|redirect)\b/i;

/** Whether a capitalised word follows token i with only a space between ("April Moore", not "August, Callum"). */
function surnameAfter(tokens: Token[], i: number, message: string): boolean {
  const next = tokens[i + 1];
  return next !== undefined && /^\p{Lu}\p{Ll}+(?:['’]s)?$/u.test(next.original) && /^\s+$/.test(message.slice(tokens[i].start + tokens[i].original.length, next.start));
}

function isNameInPlace(tokens: Token[], i: number, message: string): boolean {
  const token = tokens[i];
  const bare = token.original.replace(/['’]s?$/i, '');
  if (!NAME_WORDS.has(bare.toLowerCase())) return false;
  // "Christmas Eve", "New Year's Eve": a day, not Eve.
  if (bare.toLowerCase() === 'eve' && /^(?:christmas|xmas|year's|years|year’s)$/i.test(tokens[i - 1]?.original ?? '')) return false;
  if (!/^\p{Lu}\p{Ll}+$/u.test(bare)) return lowerCaseNameInPlace(tokens, i, message);
  if (token.words[1] === "'s") return true;
  const previous = tokens[i - 1]?.original.toLowerCase();
  const next = tokens[i + 1]?.original.toLowerCase().replace(/['’]/g, '');
  const startsSentence = i === 0 || /[.!?]\s*$/.test(message.slice(0, token.start));
  const number = (word: string | undefined) => word !== undefined && /^\d/.test(word);
  if (leadsQuestion(tokens, i)) return true;
  if (MONTHS.has(bare.toLowerCase())) {
    // "4/1 - April will cover": a date before it and a dash between leave it a name.
    const joinedBefore = i > 0 && /^\s+$/.test(message.slice(tokens[i - 1].start + tokens[i - 1].original.length, token.start));
    if ((number(previous) && joinedBefore) || number(next) || /^(?:st|nd|rd|th)$/.test(previous ?? '')) return false;
    // "asking for April: has she got anything due": whose question it is.
    if (previous === 'for' && /^\s*(?:asking|checking|enquiring|querying|asked) for\s*$/i.test(message.slice(0, token.start)) && /^\s*[:\-–—,]/.test(message.slice(token.start + token.original.length))) return true;
    // "move CR-20664 from April to Will": whose, moved to someone.
    if (previous === 'from' && next === 'to' && MOVE_WORDS.test(message.slice(0, token.start))) return true;
    // "April Moore will cover": a capitalised surname after it makes it a name.
    if (surnameAfter(tokens, i, message) && !/^(?:mon|tue|wed|thu|fri|sat|sun)/i.test(tokens[i + 1]?.original ?? '')) return true;
    if (startsSentence) return next !== undefined && AFTER_A_NAME.has(next);
    // "move Dev's cases to April": the one they go to; "until April", "in June": the month.
    if (previous === 'to') return MOVE_WORDS.test(message.slice(0, token.start)) || /\b(?:statements|stmts|momos|cases|work)\s+to\s*$/i.test(message.slice(0, token.start));
    return previous !== undefined && !BEFORE_A_MONTH.has(previous);
  }
  // "Will Thomas has moved teams": a capitalised surname after it makes it a name.
  if (!startsSentence || surnameAfter(tokens, i, message) || (next !== undefined && AFTER_A_NAME.has(next))) return true;
  // "Will - anything overdue??": a name set apart, as a heading.
  if (/^\s*[-:–—]/.test(message.slice(token.start + token.original.length))) return true;
  // "Frank visits due next 7 days": whose work, before the work ("Will visits be moved?", "Mark visits as seen" are verbs).
  const after = tokens[i + 2]?.original.toLowerCase() ?? '';
  return next !== undefined && WORK_AFTER_A_NAME.has(next) && (!/^(?:will|mark)$/i.test(bare) || /^(?:due|overdue|late|this|next|coming|for|today|tomorrow|tmrw)$/.test(after));
}

function plainWords(original: string, corrections: string[], correct = true): string[] {
  const lower = original.toLowerCase().replace(/’/g, "'");
  const contraction = CONTRACTIONS[lower];
  if (contraction) return contraction.split(' ');
  const shorthand = SHORTHAND[lower];
  if (shorthand) return shorthand.split(' ');
  const possessive = /^(.+?)'s$/.exec(lower) ?? /^(.+s)'$/.exec(lower);
  // "this wk's deadlines", "tmrw's visits": a time's, not a plural.
  if (possessive && /^(?:week|month|weekend|today|tomorrow|yesterday)$/.test(SHORTHAND[possessive[1]] ?? '')) return [SHORTHAND[possessive[1]], "'s"];
  // "iha's due for the team": a plural written with an apostrophe, not someone's.
  if (possessive && SHORTHAND[`${possessive[1]}s`] !== undefined && /^[a-z]{2,4}$/.test(possessive[1])) return SHORTHAND[`${possessive[1]}s`].split(' ');
  // "my iros' review timeliness": whose by their role, not a name.
  if (possessive && /^(?:iros|workers|sws|managers|pas|teams|staff|students|children|kids|carers|chairs)$/.test(possessive[1])) return [possessive[1]];
  if (possessive) return [possessive[1], "'s"];
  // "5wd", "3days", "2hrs": a number run into its unit.
  const amount = /^(\d{1,4})([a-z]+)$/.exec(lower);
  if (amount && SHORTHAND[amount[2]] !== undefined && /^(?:working|weeks?|hours?|days?)/.test(SHORTHAND[amount[2]])) return [amount[1], ...SHORTHAND[amount[2]].split(' ')];
  if (amount && /^(?:days?|weeks?|hours?|months?)$/.test(amount[2])) return [amount[1], amount[2]];
  // "20th-24th": two days of the month joined by a dash are a period.
  const ordinals = /^(\d{1,2}(?:st|nd|rd|th))-(\d{1,2}(?:st|nd|rd|th))$/.exec(lower);
  if (ordinals) return [ordinals[1], 'to', ordinals[2]];
  // "iha/rha": two kinds of work.
  const pair = /^([a-z]{2,5})\/([a-z]{2,5})$/.exec(lower);
  if (pair && SHORTHAND[lower] === undefined && SHORTHAND[pair[1]] !== undefined && SHORTHAND[pair[2]] !== undefined) return [...SHORTHAND[pair[1]].split(' '), 'and', ...SHORTHAND[pair[2]].split(' ')];
  // "mon-weds": two days joined by a dash are a period.
  const days = /^([a-z]+)-([a-z]+)$/.exec(lower);
  const dayName = (d: string) => (d === 'sat' ? 'saturday' : SHORTHAND[d] ?? d);
  if (days && WEEKDAY_SHORT.test(days[1]) && WEEKDAY_SHORT.test(days[2])) return [dayName(days[1]), 'to', dayName(days[2])];
  // "30/11-4/12": two dates joined by a dash are a period.
  const period = /^(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)-(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)$/.exec(lower);
  if (period) return [period[1], 'to', period[2]];
  if (lower.includes('/') || lower.includes('.') || lower.includes(':') || /\d/.test(lower)) return [lower];
  // "Tom O'Neill", "Ms D'Souza": one surname, not "o" and "neill".
  if (/^[od]'[a-z]{3,}$/.test(lower)) return [lower];
  return lower.split(/[-']/).filter(Boolean).map((w) => {
    const c = correct ? corrected(w) : w;
    if (c !== w) corrections.push(`${w}→${c}`);
    return c;
  });
}

/**
 * The message as typed between two words of the normalised text (inclusive), e.g. a
 * name: `wordsAsTyped(n, 1, 2)` → `Sam Patel`. A trailing possessive is left out.
 *
 * @example
 * const n = normalise("move Sam Patel's statements"); wordsAsTyped(n, 1, 2); // 'Sam Patel'
 */
export function wordsAsTyped(message: string, n: Normalised, firstWord: number, lastWord: number): string {
  const first = n.tokens[n.tokenOfWord[firstWord]];
  const last = n.tokens[n.tokenOfWord[lastWord]];
  const text = message.slice(first.start, last.start + last.original.length);
  return text.replace(/['’]s?$/i, '').trim();
}
