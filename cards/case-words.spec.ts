import { loadBuiltInStandards, type Standard } from '../standards';
import { nextStep } from './case-words';

const stopOnly = (type: string, details: Record<string, string[]>): Pick<Standard, 'stops' | 'title'> => ({
  title: 'The standard’s own title',
  stops: [{ type, details }] as unknown as Standard['stops'],
});

describe('nextStep: what to do next, in a worker’s words', () => {
  it('names the record a recording standard asks to update, from the vocabulary', () => {
    expect(nextStep(stopOnly('record-updated', { record: ['chronology'] }))).toBe('Update the chronology');
    expect(nextStep(stopOnly('record-updated', { record: ['case-summary'] }))).toBe('Update the case summary');
    expect(nextStep(stopOnly('record-updated', { record: ['chronology', 'case-summary'] }))).toBe('Update the chronology or the case summary');
    expect(nextStep(stopOnly('record-updated', { record: ['risk-assessment'] }))).toBe('Update a risk assessment');
  });

  it('names the document and who it goes to', () => {
    expect(nextStep(stopOnly('document-shared', { document: ['review-report'], with: ['iro'] }))).toBe("Share the social worker's report for a Child in Care review with the IRO");
    expect(nextStep(stopOnly('document-completed', { document: ['pathway-plan'] }))).toBe('Complete the Pathway Plan');
    expect(nextStep(stopOnly('document-shared', { document: ['momo-statement'], with: ['review'] }))).toBe("Take a copy of the child's Mind Of My Own statement to the review");
  });

  it('keeps the general words when the stop names no value, or a value the vocabulary does not know', () => {
    expect(nextStep(stopOnly('record-updated', {}))).toBe('Update the record');
    expect(nextStep(stopOnly('record-updated', { record: ['not-a-record'] }))).toBe('Update the record');
    expect(nextStep(stopOnly('visit-completed', { kind: ['cic'] }))).toBe('Visit the child');
  });

  it('gives one case’s recording clocks different words (they read as one repeated item before)', () => {
    const recording = loadBuiltInStandards().filter((s) => s.subject === 'case' && s.stops[0]?.type === 'record-updated');
    const words = new Set(recording.map((s) => nextStep(s)));
    expect(words.size).toBeGreaterThan(15);
    expect([...words].every((w) => w.length <= 'Update '.length + 70)).toBe(true);
  });
});
