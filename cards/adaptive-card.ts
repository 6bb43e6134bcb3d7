import { Template } from 'adaptivecards-templating';

/**
 * A rendered Adaptive Card: the JSON that goes in an attachment's `content`.
 *
 * @example
 * const card: AdaptiveCardJson = { type: 'AdaptiveCard', version: '1.5', body: [] };
 */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  [k: string]: unknown;
}

/**
 * How a line should read: good news, something to watch, something wrong.
 *
 * @example
 * const tone: CardTone = 'attention';
 */
export type CardTone = 'good' | 'warning' | 'attention';

/**
 * The Adaptive Card text colour for each tone. Heard colours text Default or Attention only:
 * the host-themed Good (green) and Warning (yellow) fall short of 4.5:1 on a light
 * background in some hosts — the "not delivered" yellow measured about 1.5:1 in the Agents
 * Playground — so a tone's meaning is always in the words ("Opened 10:32", "Due now"), and
 * Attention marks what needs acting on (WCAG 2.2 AA 1.4.1 and 1.4.3).
 *
 * @example
 * TONE_COLOURS.warning; // 'Attention'
 */
export const TONE_COLOURS: Readonly<Record<CardTone, 'Default' | 'Attention'>> = {
  good: 'Default',
  warning: 'Attention',
  attention: 'Attention',
};

/**
 * Compiles a JSON card template once, for rendering many times with
 * {@link expandCardTemplate}.
 *
 * @example
 * const messageTemplate = compileCardTemplate(messageCardJson);
 */
export function compileCardTemplate(json: object): Template {
  return new Template(json);
}

/**
 * Binds a compiled template to its data (as `$root`) and tidies the result.
 *
 * The data is passed to the templating engine as data, never spliced into the
 * template's text, so a value such as `CR-${x}` is inserted literally and is not
 * evaluated. A `$when` that is false on an object-valued property (for example
 * `refresh`) leaves `null` behind, and a `$when` on every item of an array can leave it
 * empty; neither means anything in an Adaptive Card, so both are removed here.
 *
 * @example
 * const card = expandCardTemplate(messageTemplate, { title: 'Heard', lines: ['Hello'] });
 * card.version; // '1.5'
 */
export function expandCardTemplate(template: Template, data: object): AdaptiveCardJson {
  const expanded: unknown = template.expand({ $root: data });
  const card = withoutEmptyValues(expanded);
  if (!isCard(card)) {
    throw new Error('The card template did not expand to an AdaptiveCard');
  }
  return card;
}

function isCard(value: unknown): value is AdaptiveCardJson {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'AdaptiveCard' &&
    typeof (value as { version?: unknown }).version === 'string'
  );
}

function withoutEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutEmptyValues);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // An action's `data` is the payload the handler receives: passed through untouched.
    const tidied = key === 'data' ? item : withoutEmptyValues(item);
    if (tidied === null || tidied === undefined || (Array.isArray(tidied) && tidied.length === 0)) {
      continue;
    }
    result[key] = tidied;
  }
  return result;
}
