import type { AnswerActionData } from '../cards/answer-action-data';
import { recordTitle } from '../cards/case-words';
import type { Person } from '../domain/person';
import { TeamsCaseEvents } from '../domain/teams-case-events';
import { builtInVocabulary } from '../standards';
import type { DialogDeps } from './dialog-deps';
import type { OwnLists } from './own-lists';
import type { ActionOutcome } from './reply';

/**
 * A press on a case item's record button (`Introduced Mind Of My Own`): the event that
 * meets it is recorded from Teams (domain/teams-case-events.ts), authorised from the
 * person pressing, and the list is shown again with what happened. A refusal says
 * nothing about the case.
 *
 * @example
 * const outcome = await new CaseRecords(deps, own).record(sam, { obligationId: 'ob_1', list });
 */
export class CaseRecords {
  private readonly recorder: TeamsCaseEvents;

  constructor(
    private readonly deps: DialogDeps,
    private readonly own: OwnLists,
  ) {
    this.recorder = new TeamsCaseEvents({
      store: deps.store,
      caseWork: deps.caseWork,
      standards: deps.standards,
      vocabulary: builtInVocabulary(),
      calendar: deps.calendar,
      now: deps.now,
    });
  }

  async record(actor: Person, data: AnswerActionData<'case.record'>): Promise<ActionOutcome> {
    const result = await this.recorder.recordStop(actor, data.obligationId);
    if (!result.ok) {
      return { replace: await this.own.card(actor, data.list, 'That is not something you can record here, so I have refreshed your list.'), send: [] };
    }
    const what = `${result.kase.caseRef} · ${result.kase.initials}: ${recordTitle(result)}`;
    const notice = result.outcome === 'imported' ? `Recorded on ${what}. Thank you.` : `Already recorded on ${what}, so nothing changed.`;
    return { replace: await this.own.card(actor, data.list, null, notice), send: [] };
  }
}
