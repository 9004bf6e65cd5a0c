// Dates in JSON: the text a `Date` field is read from must name a real
// instant. AssemblyScript's `Date.fromString` reads anything (`"garbage"` as
// the year 0, month 13 as the next year): a wrong value from bad input.

/**
 * @internal The instant, in milliseconds since 1970-01-01T00:00:00Z, that
 * `text` names, or `i64.MIN_VALUE` when it names none. `text` is an RFC 3339
 * date-time, `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` (`T` and `Z`
 * in either case; what `JSON.stringify` writes for a JavaScript `Date`, and
 * Go, Rust and Python for theirs), or a date alone, `YYYY-MM-DD`, midnight
 * UTC. Years 0000 to 9999; digits past the millisecond are dropped; a leap
 * second (:60) is refused.
 */
export function parseDateMillis(text: string): i64 {
  const n = text.length;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (n < 10 || year < 0 || text.charCodeAt(4) != 0x2d || text.charCodeAt(7) != 0x2d) return i64.MIN_VALUE;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return i64.MIN_VALUE;
  if (n == 10) return Date.UTC(year, month - 1, day);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (n < 20 || (text.charCodeAt(10) | 0x20) != 0x74 || text.charCodeAt(13) != 0x3a || text.charCodeAt(16) != 0x3a) return i64.MIN_VALUE;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return i64.MIN_VALUE;
  let i = 19;
  let millisecond = 0;
  if (text.charCodeAt(i) == 0x2e) {
    const start = ++i;
    for (; i < n && <u32>(text.charCodeAt(i) - 0x30) <= 9; i++) {
      if (i - start < 3) millisecond = millisecond * 10 + (text.charCodeAt(i) - 0x30);
    }
    if (i == start) return i64.MIN_VALUE;
    for (let k = i - start; k < 3; k++) millisecond *= 10;
  }
  if (i >= n) return i64.MIN_VALUE;
  let offset: i64 = 0;
  const zone = text.charCodeAt(i);
  if ((zone | 0x20) == 0x7a) {
    if (i + 1 != n) return i64.MIN_VALUE;
  } else if (zone == 0x2b || zone == 0x2d) {
    const offsetHours = digits(text, i + 1, 2);
    const offsetMinutes = digits(text, i + 4, 2);
    if (i + 6 != n || text.charCodeAt(i + 3) != 0x3a || offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return i64.MIN_VALUE;
    offset = <i64>(offsetHours * 60 + offsetMinutes) * 60000;
    if (zone == 0x2d) offset = -offset;
  } else return i64.MIN_VALUE;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offset;
}

/** The value of the `count` decimal digits at `at` in `text`, or -1 when they are not all digits. */
function digits(text: string, at: i32, count: i32): i32 {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = <u32>(text.charCodeAt(i) - 0x30);
    if (d > 9) return -1;
    value = value * 10 + <i32>d;
  }
  return value;
}

/** The days of `month` (1 to 12) in `year`. */
function daysIn(year: i32, month: i32): i32 {
  if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}
