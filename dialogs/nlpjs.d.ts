// nlp.js ships no type declarations; dialogs/intent-classifier.ts types the part it uses.
declare module '@nlpjs/core-loader' {
  export function containerBootstrap(settings?: Record<string, unknown>): Promise<{
    use(plugin: unknown): void;
    get(name: string): unknown;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }>;
}
declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
declare module '@nlpjs/similarity' {
  export function leven(a: string, b: string): number;
}
