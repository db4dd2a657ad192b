import { parseSchedule } from "../src/schedule/index.js";
import { measure, report } from "./harness.js";

// Next-time computation: 3,000 chained next times (a month of a busy scheduler) per schedule set,
// in UTC (no offset lookups) as the baseline and in two DST zones.

const schedules = ["every day at 3am", "*/5 * * * *", "every hour", "every monday at 9", "0 0 1 * *", "30 4 1,15 * 5", "0 12 L * *", "every weekday at 8:30", "0 8 * * 1%2", "every second"].map((s) =>
  parseSchedule(s),
);
const ROUNDS = 20;

function month(zone: string): void {
  for (const s of schedules) {
    let t = Date.UTC(2026, 2, 1);
    for (let i = 0; i < 300; i++) t = s.nextTime(t, { defaultZone: zone, fromZone: "Etc/UTC" });
  }
}

month("Europe/Paris"); // warm up the JIT and the zone's offset tables
const utc = await measure("Etc/UTC", ROUNDS * 3000, "next times", () => {
  for (let r = 0; r < ROUNDS; r++) month("Etc/UTC");
});
const paris = await measure("Europe/Paris", ROUNDS * 3000, "next times", () => {
  for (let r = 0; r < ROUNDS; r++) month("Europe/Paris");
});
const ny = await measure("America/New_York (cold tables)", ROUNDS * 3000, "next times", () => {
  for (let r = 0; r < ROUNDS; r++) month("America/New_York");
});
report("schedules: chained next times, 10 schedules x 300", [utc, paris, ny], utc);
