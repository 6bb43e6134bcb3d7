import { containerBootstrap } from '@nlpjs/core-loader';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import { CORPUS, type CoarseIntent } from './corpus';

/** The classifier's best guess and how sure it is (0–1). */
export interface Classification {
  intent: CoarseIntent;
  score: number;
}

/**
 * A trained intent classifier: nlp.js's neural network (bag of stemmed words, trained
 * from zero weights, so the same corpus always gives the same model) over `CORPUS`.
 *
 * @example
 * const classifier = await IntentClassifier.train();
 * classifier.classify('what is overdue'); // { intent: 'overdue', score: 0.97 }
 */
export class IntentClassifier {
  private constructor(private readonly nlp: NlpLike) {}

  /** Trains on `CORPUS` (about a tenth of a second). */
  static async train(): Promise<IntentClassifier> {
    const container = await containerBootstrap();
    // nlp.js logs every training epoch unless told not to; stdout belongs to `heard parse`.
    container.registerConfiguration('nlu-??', { log: false }, true);
    container.use(LangEn);
    container.use(Nlp);
    const nlp = container.get('nlp') as NlpLike;
    nlp.settings.autoSave = false;
    nlp.settings.autoLoad = false;
    nlp.addLanguage('en');
    for (const [intent, examples] of Object.entries(CORPUS)) {
      for (const example of examples) nlp.addDocument('en', example, intent);
    }
    await nlp.train();
    return new IntentClassifier(nlp);
  }

  /** The best coarse intent of a normalised message; `unknown` when nothing scores. */
  async classify(text: string): Promise<Classification> {
    const result = await this.nlp.process('en', text);
    const best = result.classifications[0];
    if (!best || best.intent === 'None' || !(best.intent in CORPUS)) return { intent: 'unknown', score: best?.score ?? 0 };
    return { intent: best.intent as CoarseIntent, score: best.score };
  }
}

/** The part of nlp.js's `Nlp` used here (the package ships no types). */
interface NlpLike {
  settings: Record<string, unknown>;
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ classifications: { intent: string; score: number }[] }>;
}
