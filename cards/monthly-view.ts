import type { ComplianceReport } from '../domain/compliance-report';
import { monthName } from './local-time';
import type { ReportCardModel } from './report-card';
import { reportFacts } from './report-facts';

/**
 * The monthly monitoring card: last month's figures for the recipient's scope, and the way
 * to the dashboard ("Usage is currently being monitored on a monthly basis", participation
 * strategy, action plan 5).
 *
 * @example
 * monthlyCardModel('2026-11', 'your team', report, 'https://heard.council.example/dashboard?link=…');
 */
export function monthlyCardModel(month: string, scope: 'you' | 'your team' | 'the service', report: ComplianceReport, dashboardUrl: string | null): ReportCardModel {
  const whose = scope === 'you' ? 'your work' : scope;
  return {
    title: `${monthName(month)}: how ${whose} did`,
    lines: [
      `Last month at a glance, for ${whose}: what the children sent, whether they were heard in time, and the reviews where their views were in a statement.`,
      ...(dashboardUrl ? ['The dashboard has each standard, team and deadline missed. Its link is yours and lasts 15 minutes.'] : ['The Dashboard tab of Heard has each standard, team and deadline missed.']),
    ],
    facts: reportFacts(report),
    link: dashboardUrl ? { title: 'Open dashboard', url: dashboardUrl } : null,
  };
}
