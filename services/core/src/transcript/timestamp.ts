// Timestamps as students' transcripts write them: MM:SS or HH:MM:SS (the leading
// group may have one to three digits; the later groups are two digits below 60).
// Kept in the transcript's own notation; seconds are derived.

/** Source text of one timestamp, shared by the line parser. */
export const TIMESTAMP_SOURCE = String.raw`\d{1,3}:\d{2}(?::\d{2})?`;

const COLON = 58;

/** Seconds from the start for a timestamp, or null when it is not one (e.g. "01:75", "1:2", "90"). */
export function timestampSeconds(stamp: string): number | null {
  const firstColon = stamp.indexOf(':');
  if (firstColon < 1 || firstColon > 3) return null;
  let seconds = digitsValue(stamp, 0, firstColon);
  let at = firstColon;
  let groups = 1;
  while (at < stamp.length) {
    // at points to a colon followed by exactly two digits below 60
    if (stamp.charCodeAt(at) !== COLON || groups === 3 || at + 3 > stamp.length) return null;
    const group = digitsValue(stamp, at + 1, at + 3);
    if (group < 0 || group >= 60 || seconds < 0) return null;
    seconds = seconds * 60 + group;
    at += 3;
    groups++;
  }
  return groups >= 2 && seconds >= 0 ? seconds : null;
}

/** The decimal value of stamp[from, to), or -1 when a character is not a digit. */
function digitsValue(stamp: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = stamp.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
