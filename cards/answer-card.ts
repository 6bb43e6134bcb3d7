import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type AnswerCardModel, type FollowUp } from './answer-card-models';
import { followUpsData } from './answer-card-parts';
import answerCardJson from './answer-card.json';


const answerTemplate = compileCardTemplate(answerCardJson);

/**
 * What `answer-card.json` binds to: the model's words as they are, plus the decisions
 * already taken (which parts show, the title's colour), with the verbs from
 * `ANSWER_VERBS`.
 */
interface AnswerCardData {
  title: string;
  colour: string;
  lines: string[];
  hasFacts: boolean;
  facts: { title: string; value: string }[];
  hasQuote: boolean;
  quote: { text: string; source: string } | null;
  hasFollowUps: boolean;
  followUps: FollowUp[];
  verbs: typeof ANSWER_VERBS;
}

/**
 * Renders a plain answer: the title (coloured by the tone, if any), each line, the facts
 * as a two-column list, a standard's source sentence in a shaded box with where it comes
 * from beneath, and at most three follow-ups, each sending `{ verb: 'ask', text }` as if
 * the person had typed `text`.
 *
 * @example
 * const card = renderAnswerCard({
 *   title: '10 working days before Fri 12 Mar 2027', tone: null,
 *   lines: ['Fri 26 Feb 2027, by close of business (17:00)'],
 *   facts: [{ title: 'How', value: '10 working days before the event on Fri 12 Mar: Fri 26 Feb' }],
 *   quote: null, followUps: [{ title: "What's due this week?", text: "what's due this week" }],
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderAnswerCard(model: AnswerCardModel): AdaptiveCardJson {
  return expandCardTemplate(answerTemplate, answerCardData(model));
}

function answerCardData(model: AnswerCardModel): AnswerCardData {
  return {
    title: model.title,
    colour: model.tone === null ? 'Default' : TONE_COLOURS[model.tone],
    lines: [...model.lines],
    hasFacts: model.facts.length > 0,
    facts: model.facts.map(({ title, value }) => ({ title, value })),
    hasQuote: model.quote !== null,
    quote: model.quote === null ? null : { text: model.quote.text, source: model.quote.source },
    ...followUpsData(model.followUps),
    verbs: ANSWER_VERBS,
  };
}
