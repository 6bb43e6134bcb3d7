/** The standards engine: pure deadline arithmetic over compiled calendars, and the packs. */
export * from './bank-holidays';
export * from './calendar-config';
export { DEFAULT_WORKING_DAY, DEFAULT_ZONE } from './calendar-defaults';
export * from './civil-date';
export * from './due-instant';
export * from './event-match';
export * from './explain-due';
export * from './instant';
export * from './pack-loader';
export * from './pack-schema';
export * from './timeliness';
export * from './vocabulary';
export * from './vocabulary-schema';
export * from './working-calendar';
export { isKnownTimeZone } from './zone-offsets';
