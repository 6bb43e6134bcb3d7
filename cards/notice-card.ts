import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type NoticeCardModel } from './answer-card-models';
import noticeCardJson from './notice-card.json';

const noticeTemplate = compileCardTemplate(noticeCardJson);

/**
 * Renders a notice from the participation team as its recipient sees it: the title, who
 * sent it and when, the text one paragraph per blank-line-separated block, and "I've
 * read this" (`{ verb: 'broadcast.read', broadcastId }`) until pressed; then, in its
 * place, when they read it.
 *
 * @example
 * const card = renderNoticeCard({ broadcastId: 'bc_1', title: 'Office closed on Friday', body: 'The office is closed on Friday.',
 *   from: 'From Jo Green, participation team · Mon 23 Nov', read: null });
 */
export function renderNoticeCard(model: NoticeCardModel): AdaptiveCardJson {
  return expandCardTemplate(noticeTemplate, {
    broadcastId: model.broadcastId,
    title: model.title,
    from: model.from,
    paragraphs: model.body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
    isRead: model.read !== null,
    read: model.read,
    askRead: model.read === null,
    verbs: ANSWER_VERBS,
  });
}
