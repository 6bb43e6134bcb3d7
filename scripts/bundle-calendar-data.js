#!/usr/bin/env node
'use strict';
// Part of `npm run build`: works out, once, what compiling a calendar would otherwise ask
// of slow sources at every start — the bank holidays of each UK division (date-holidays)
// and the default zone's clock changes (Intl) — for the default years, and writes them
// beside the compiled engine, which reads them instead when they cover a calendar's years.
const fs = require('fs');
const path = require('path');
const dist = path.join(__dirname, '..', 'dist', 'standards');
const { BANK_HOLIDAYS_FILE, buildBankHolidayTable } = require(path.join(dist, 'bank-holidays.js'));
const { ZONE_TABLES_FILE, readZoneTable } = require(path.join(dist, 'zone-offsets.js'));
const { DEFAULT_YEARS } = require(path.join(dist, 'working-calendar.js'));
const { CalendarConfigSchema } = require(path.join(dist, 'calendar-config.js'));
try {
  const { from, to } = DEFAULT_YEARS;
  const zone = CalendarConfigSchema.parse({}).zone;
  fs.writeFileSync(path.join(dist, BANK_HOLIDAYS_FILE), JSON.stringify(buildBankHolidayTable(from, to)));
  fs.writeFileSync(path.join(dist, ZONE_TABLES_FILE), JSON.stringify({ [zone]: readZoneTable(zone, from, to) }));
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
