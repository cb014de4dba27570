import { dateOfEpochDay, epochDayOf, fromEpochDay, toEpochDay, type PlainDate } from './dates.js';

/** A day of the Vietnamese lunar calendar; `leap` marks the intercalary month that repeats `month`. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

// Vietnam keeps its lunar calendar on the UTC+7 meridian: a new moon late in the evening UTC+8 can fall
// on the previous day here, which is why some years' Tết differs from China's.
const TIME_ZONE_HOURS = 7;
const RAD = Math.PI / 180;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 that counts as lunation 0. */
const LUNATION_ZERO = 2415021.076998695;
const JULIAN_DAY_OF_EPOCH = 2440588;

/** The instant (Julian day, UT) of the k-th new moon after January 1900, after Meeus's series. */
function newMoonInstant(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const meanPhase =
    2415020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitude + sunAnomaly) -
    0.0004 * Math.sin(2 * latitude - sunAnomaly) -
    0.0006 * Math.sin(2 * latitude + moonAnomaly) +
    0.001 * Math.sin(2 * latitude - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // Terrestrial time runs ahead of universal time; the polynomial depends on the era.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return meanPhase + correction - deltaT;
}

/** The apparent longitude of the sun in radians, 0 to 2π, at a Julian day (UT). */
function sunLongitude(julianDay: number): number {
  const t = (julianDay - 2451545.0) / 36525;
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + center) * RAD;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/** The Julian day number of the local (UTC+7) day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonInstant(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Which twelfth of the ecliptic (0–11, 30° each) the sun is in at the start of a local day. */
function sunSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** The lunation index whose new moon falls nearest a Julian day number. */
function lunationNear(dayNumber: number): number {
  return Math.floor((dayNumber - LUNATION_ZERO) / SYNODIC_MONTH + 0.5);
}

/** The first day of the 11th lunar month that holds the winter solstice of a Gregorian year. */
function eleventhMonthStart(year: number): number {
  const lastDay = epochDayOf(year, 12, 31) + JULIAN_DAY_OF_EPOCH;
  const k = Math.floor((lastDay - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // A month starting with the sun already past 270° begins after the solstice, so the 11th is the one before.
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/**
 * In a 13-month lunar year beginning at the 11th month starting on `start`, how many months after it the
 * leap month comes: the first month in which the sun enters no new sector (it holds no principal term).
 */
function leapMonthOffset(start: number): number {
  const k = lunationNear(start);
  let previous = sunSector(newMoonDay(k + 1));
  for (let i = 2; i <= 13; i++) {
    const sector = sunSector(newMoonDay(k + i));
    if (sector === previous) return i - 1;
    previous = sector;
  }
  return 13;
}

/** The lunar months running from the 11th month before a lunar year's Tết to the 11th month within it. */
interface LunarSpan {
  start: number;
  next: number;
  leapOffset: number | null;
}

/** The span between the 11th months of two consecutive Gregorian years, with its leap month if any. */
function spanFrom(gregorianYear: number): LunarSpan {
  const start = eleventhMonthStart(gregorianYear);
  const next = eleventhMonthStart(gregorianYear + 1);
  return { start, next, leapOffset: next - start > 365 ? leapMonthOffset(start) : null };
}

/** The lunar date of a solar day (pure). */
export function solarToLunar(date: PlainDate): LunarDate {
  const dayNumber = toEpochDay(date) + JULIAN_DAY_OF_EPOCH;
  // The mean lunation only approximates the true new moon, so step back until the month has begun.
  let k = Math.floor((dayNumber - LUNATION_ZERO) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k) > dayNumber) k -= 1;
  const monthStart = newMoonDay(k);
  const { year } = dateOfEpochDay(dayNumber - JULIAN_DAY_OF_EPOCH);
  const thisEleventh = eleventhMonthStart(year);
  const span = thisEleventh >= monthStart ? spanFrom(year - 1) : spanFrom(year);
  let lunarYear = thisEleventh >= monthStart ? year : year + 1;
  const offset = Math.floor((monthStart - span.start) / 29);
  let month = offset + 11;
  let leap = false;
  if (span.leapOffset !== null && offset >= span.leapOffset) {
    month = offset + 10;
    leap = offset === span.leapOffset;
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 near the start of the span belong to the lunar year before.
  if (month >= 11 && offset < 4) lunarYear -= 1;
  return { year: lunarYear, month, day: dayNumber - monthStart + 1, leap };
}

/** The solar day of a lunar date; throws a RangeError for a date that does not exist, such as a leap month the year lacks (pure). */
export function lunarToSolar(lunar: LunarDate): PlainDate {
  const { year, month, day, leap } = lunar;
  const shown = `${day}/${month}${leap ? ' (nhuận)' : ''}/${year}`;
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12 ||
    !Number.isInteger(day) ||
    day < 1 ||
    day > 30
  ) {
    throw new RangeError(`lunar date ${shown} does not exist: month is 1–12 and day 1–30`);
  }
  const span = spanFrom(month < 11 ? year - 1 : year);
  let offset = (month + 1) % 12;
  if (span.leapOffset !== null) {
    const leapMonth = (span.leapOffset + 10) % 12 || 12;
    if (leap && month !== leapMonth)
      throw new RangeError(`lunar date ${shown} does not exist: lunar year ${year} has leap month ${leapMonth}`);
    if (leap || offset >= span.leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`lunar date ${shown} does not exist: lunar year ${year} has no leap month`);
  }
  const monthStart = newMoonDay(lunationNear(span.start) + offset);
  const monthLength = newMoonDay(lunationNear(span.start) + offset + 1) - monthStart;
  if (day > monthLength) throw new RangeError(`lunar date ${shown} does not exist: that month has ${monthLength} days`);
  return fromEpochDay(monthStart + day - 1 - JULIAN_DAY_OF_EPOCH);
}
