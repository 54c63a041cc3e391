// Timestamps as students' transcripts write them: MM:SS or HH:MM:SS (the leading
// group may have one to three digits; minutes and seconds in a longer form are two
// digits below 60). Kept in the transcript's own notation; seconds are derived.

/** Source text of one timestamp, shared by the line parser and the citation parser. */
export const TIMESTAMP_SOURCE = String.raw`\d{1,3}:\d{2}(?::\d{2})?`;

const WHOLE_TIMESTAMP = new RegExp(`^${TIMESTAMP_SOURCE}$`);

/** Seconds from the start for a timestamp, or null when it is not one (e.g. "01:75"). */
export function timestampSeconds(stamp: string): number | null {
  if (!WHOLE_TIMESTAMP.test(stamp)) return null;
  const parts = stamp.split(':').map(Number);
  let seconds = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as number;
    if (i > 0 && part >= 60) return null;
    seconds = seconds * 60 + part;
  }
  return seconds;
}
