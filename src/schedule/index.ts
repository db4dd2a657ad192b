// Fugit-compatible recurring schedules: the cron and natural-language strings Solid
// Queue accepts, and their next/previous times in any IANA zone.

export { ScheduleCrash, ScheduleError, ScheduleRuntimeError, type ScheduleErrorKind } from "./errors.js";
export { parseCron, parseSchedule, type ParseOptions, type Schedule, type TimeOptions } from "./schedule.js";
export type { RandomPick } from "./cron-fields.js";
export { formatOffset, zoneOption } from "./zone.js";
export { formatIso, parseIso } from "./iso.js";
export { effectiveTimeZone, localZoneName, UnknownZoneError, zoneSettingName } from "./zone-setting.js";
