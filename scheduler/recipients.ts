import type { DutyRole } from '../domain/duty-rota';
import { peopleOnDuty } from '../domain/on-duty';
import { lineManagerOf } from '../domain/line-manager';
import type { Person, Role } from '../domain/person';
import type { DirectoryRepository, RotaRepository } from '../domain/ports/store.port';
import { dutyManagerOf } from '../domain/routing';

/**
 * Who a nudge goes to. Absences are read for the local date of the send, so a reminder
 * due while someone is on leave reaches the person covering for them.
 */

/**
 * Standards' team roles, and the directory role whose holders act for the team. The duty
 * roles are on the rota instead (see {@link Recipients.holdersOf}).
 */
const TEAM_ROLE_HOLDERS = new Map<string, Role>([
  ['participation-team', 'participation'],
  ['service-portal-admin', 'participation'],
  ['complaints-officer', 'complaints-officer'],
  ['head-of-service', 'head-of-service'],
]);

/** A person who receives a nudge, and for whom when they stand in for someone away. */
export interface Recipient {
  person: Person;
  /** The person they stand in for (away), or null. */
  forPerson: Person | null;
}

/**
 * Reads the directory and the duty rota for the scheduler: line managers, stand-ins, team
 * members and who is on duty at the moment of sending (`now`).
 *
 * @example
 * const who = new Recipients(store.directory, store.rota, () => clock.now);
 * await who.standIn(sam, '2026-11-23'); // { person: ali, forPerson: sam } while Sam is away with Ali covering
 */
export class Recipients {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly rota: RotaRepository,
    private readonly now: () => number,
  ) {}

  /** The person's line manager (their own, else their team's manager). */
  lineManagerOf(person: Person): Promise<Person | null> {
    return lineManagerOf(this.directory, person);
  }

  async isAway(personId: string, date: string): Promise<boolean> {
    return (await this.directory.listAbsences(personId, date)).length > 0;
  }

  /**
   * Who receives what is meant for `person` on a local date: the person, or while they
   * are away their cover (if present), else their line manager (if present); null when
   * nobody is — the caller then tells the participation team.
   */
  async standIn(person: Person, date: string): Promise<Recipient | null> {
    const absences = await this.directory.listAbsences(person.id, date);
    if (absences.length === 0) return { person, forPerson: null };
    for (const absence of absences) {
      if (absence.coverId === null || absence.coverId === person.id) continue;
      const cover = await this.directory.getPerson(absence.coverId);
      if (cover && !(await this.isAway(cover.id, date))) return { person: cover, forPerson: person };
    }
    const manager = await this.lineManagerOf(person);
    if (manager && !(await this.isAway(manager.id, date))) return { person: manager, forPerson: person };
    return null;
  }

  /**
   * The people who act for a standard's team role (the participation team for the queue),
   * present on the date. The duty manager: the one on the rota now, else (nobody on it) the
   * first present holder of the role in the directory. The duty officer: nobody — a duty
   * procedure no duty officer had when it arrived sits with the participation team, whom
   * the caller then tells.
   */
  async holdersOf(role: string, date: string): Promise<Person[]> {
    if (role === 'duty-manager') {
      const manager = await this.dutyManager(date);
      return manager ? [manager] : [];
    }
    const directoryRole = TEAM_ROLE_HOLDERS.get(role);
    if (!directoryRole) return [];
    const present: Person[] = [];
    for (const p of await this.directory.listPeople({ role: directoryRole })) if (!(await this.isAway(p.id, date))) present.push(p);
    return present;
  }

  /** The participation team members present on the date: told of breaches and of people Heard cannot reach. */
  participationTeam(date: string): Promise<Person[]> {
    return this.holdersOf('participation-team', date);
  }

  /**
   * Resolves an escalation's `to` relative to the people whose work it was: `line-manager`
   * (each one's, absent → their stand-in), or a role held in the directory.
   */
  async escalationTargets(to: string, subjects: Person[], date: string): Promise<Recipient[]> {
    const found: Recipient[] = [];
    const add = (r: Recipient | null) => {
      if (r && !found.some((f) => f.person.id === r.person.id)) found.push(r);
    };
    if (to === 'line-manager' || to === 'team-manager') {
      for (const subject of subjects) {
        const manager = await this.lineManagerOf(subject);
        add(manager ? await this.standIn(manager, date) : null);
      }
      return found;
    }
    for (const person of await this.holdersOf(to, date)) add({ person, forPerson: null });
    return found;
  }

  /** The duty manager now: on the rota and not away, else the first present holder of the role. */
  private dutyManager(date: string): Promise<Person | null> {
    return dutyManagerOf(date, {
      onDuty: (role: DutyRole) => peopleOnDuty({ rota: this.rota, directory: this.directory }, role, this.now()),
      withRole: (role) => this.directory.listPeople({ role }),
      absencesOn: (personId, onDate) => this.directory.listAbsences(personId, onDate),
    });
  }

}
