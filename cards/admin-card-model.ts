import type { CardTone } from './adaptive-card';

/**
 * The Action.Execute verbs of the admin card (the organisation's configuration, for
 * administrators). The template and the handlers take them from here. Every press is
 * checked again from the Teams identity of whoever pressed it; the data only names what.
 *
 * @example
 * app.adaptiveCards.actionExecute(ADMIN_VERBS.preview, onPreview);
 */
export const ADMIN_VERBS = {
  /** `{}`: the configuration again (also Cancel on a preview). */
  show: 'admin.show',
  /** `{ kind }` plus the inputs of {@link ADMIN_INPUTS}: the dry run of a common change. */
  preview: 'admin.preview',
  /** `{ kind, change, date, name, reminders, atDue }`: apply the change previewed (its id is `change`). */
  confirm: 'admin.confirm',
} as const;

/** @example const verb: AdminVerb = 'admin.preview'; */
export type AdminVerb = (typeof ADMIN_VERBS)[keyof typeof ADMIN_VERBS];

/** Ids of the admin card's inputs (each form its own, as ids are unique on a card). @example ADMIN_INPUTS.closureDate; // 'adminClosureDate' */
export const ADMIN_INPUTS = {
  closureDate: 'adminClosureDate',
  closureName: 'adminClosureName',
  holidayDate: 'adminHolidayDate',
  holidayName: 'adminHolidayName',
  /** Reminder points as percentages, e.g. `50, 75`. */
  reminders: 'adminReminders',
  /** `true` / `false`: also remind at the due instant. */
  atDue: 'adminAtDue',
} as const;

/** The common changes the card offers. @example const k: AdminChangeKind = 'closure'; */
export type AdminChangeKind = 'closure' | 'holiday' | 'reminders';

/** A fact of the configuration: `Working hours` — `Mon–Thu 09:00–17:00; Fri 09:00–16:30`. */
export interface AdminFact {
  title: string;
  value: string;
}

/**
 * Everything the admin card shows, already worded: the configuration by section with
 * the forms for the common changes, or the dry run of one change with Confirm.
 *
 * @example
 * const card = renderAdminCard(adminOverview(org, holders, now)); // cards/admin-view.ts
 */
export interface AdminCardModel {
  title: string;
  subtitle: string | null;
  notice: { text: string; tone: CardTone } | null;
  /** The configuration, by section (empty on a preview). */
  sections: { title: string; facts: AdminFact[] }[];
  /** The forms for the common changes, with their current values (null on a preview). */
  forms: { reminders: string; atDue: boolean } | null;
  /** The dry run (null on the overview). */
  preview: {
    lines: string[];
    items: string[];
    more: string | null;
    replay: string[];
    /** What Confirm sends back: the change's id and what it is. */
    confirm: { kind: AdminChangeKind; change: string; date: string; name: string; reminders: string; atDue: string } | null;
  } | null;
}
