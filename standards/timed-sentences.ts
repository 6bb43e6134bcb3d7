/**
 * Finding the sentences of a seed document that (may) set a timescale, so a test can
 * prove that every one of them is either encoded as a standard or consciously set aside.
 * Deliberately generous: a false positive costs one line with a reason in the pack's
 * `*.untimed.yaml`; a false negative would hide a missing standard.
 */

const TIMESCALE = new RegExp(
  [
    String.raw`within\s+(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|the first|the same|a maximum|a minimum)\b`,
    String.raw`working (days?|hours?)`,
    String.raw`\d+\s*(hours?|days?|weeks?|months?|years?)\b`,
    String.raw`\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)[- ](working )?(days?|weeks?|months?|hours?|years?)\b`,
    String.raw`\b(weekly|monthly|fortnight\w*|annual\w*|yearly|daily)\b`,
    String.raw`\b(same day|that day|immediate\w*|ASAP|as soon as possible|prior to|no later than|at least once)\b`,
    String.raw`\bevery (day|week|month|year|\d|six|three|four|two|twelve|other)`,
    String.raw`\bbefore (the|a|every|each) (review|meeting|conference|panel|first)`,
  ].join('|'),
  'i',
);

/**
 * Normalises text for verbatim comparison: folds white space and curly quote marks only.
 *
 * @example
 * normaliseForQuote('the council’s  “Complaints Officer”'); // 'the council\'s "Complaints Officer"'
 */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The sentences of a document that look like they set a timescale, each normalised.
 *
 * @example
 * findTimedSentences('Visits happen weekly. The team is kind.'); // ['Visits happen weekly.']
 */
export function findTimedSentences(document: string): string[] {
  const found: string[] = [];
  for (const line of document.split('\n')) {
    for (const sentence of line.split(/(?<=[.!?;])\s+(?=[A-Z(\u201C"\u2018'*])/)) {
      const s = normaliseForQuote(sentence.replace(/^\s*[-·•]\s*(\d+[.:]?\s+)?/, ''));
      if (s.length > 0 && TIMESCALE.test(s)) found.push(s);
    }
  }
  return [...new Set(found)];
}
