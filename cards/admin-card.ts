import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ADMIN_INPUTS, ADMIN_VERBS, type AdminCardModel } from './admin-card-model';
import adminCardJson from './admin-card.json';

const adminTemplate = compileCardTemplate(adminCardJson);

/** What `admin-card.json` binds to: the model's words, what shows, the verbs and input ids. */
interface AdminCardData {
  title: string;
  hasSubtitle: boolean;
  subtitle: string | null;
  hasNotice: boolean;
  notice: { text: string; colour: string } | null;
  sections: AdminCardModel['sections'];
  hasForms: boolean;
  forms: { reminders: string; atDue: string } | null;
  hasPreview: boolean;
  hasPreviewBody: boolean;
  lines: string[];
  hasItems: boolean;
  items: string[];
  hasMore: boolean;
  more: string | null;
  hasReplay: boolean;
  replay: string[];
  hasConfirm: boolean;
  confirm: NonNullable<AdminCardModel['preview']>['confirm'];
  backTitle: string;
  verbs: typeof ADMIN_VERBS;
  inputs: typeof ADMIN_INPUTS;
}

/**
 * Renders the admin card: the organisation's configuration by section, with forms for
 * the common changes — a closure day, a one-off holiday, the reminder points — each of
 * which previews first (`{ verb: 'admin.preview', kind }` with its inputs); or that
 * preview, the dry run of the change, with Confirm (`{ verb: 'admin.confirm', kind,
 * change, … }`) and Cancel. It grants nothing: the handler checks every press from the
 * Teams identity of whoever made it.
 *
 * @example
 * const card = renderAdminCard(adminOverview(org, holders, now, null));
 */
export function renderAdminCard(model: AdminCardModel): AdaptiveCardJson {
  const preview = model.preview;
  const data: AdminCardData = {
    title: model.title,
    hasSubtitle: model.subtitle !== null,
    subtitle: model.subtitle,
    hasNotice: model.notice !== null,
    notice: model.notice && { text: model.notice.text, colour: TONE_COLOURS[model.notice.tone] },
    sections: model.sections,
    hasForms: model.forms !== null,
    forms: model.forms && { reminders: model.forms.reminders, atDue: String(model.forms.atDue) },
    hasPreview: preview !== null,
    hasPreviewBody: preview !== null && preview.lines.length + preview.items.length + preview.replay.length > 0,
    lines: preview?.lines ?? [],
    hasItems: (preview?.items.length ?? 0) > 0,
    items: preview?.items ?? [],
    hasMore: (preview?.more ?? null) !== null,
    more: preview?.more ?? null,
    hasReplay: (preview?.replay.length ?? 0) > 0,
    replay: preview?.replay ?? [],
    hasConfirm: (preview?.confirm ?? null) !== null,
    confirm: preview?.confirm ?? null,
    backTitle: preview?.confirm ? 'Cancel' : 'Back to the settings',
    verbs: ADMIN_VERBS,
    inputs: ADMIN_INPUTS,
  };
  return expandCardTemplate(adminTemplate, data);
}
