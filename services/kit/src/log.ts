import { trace } from '@opentelemetry/api';
import pino from 'pino';

// Structured JSON logs on stdout, one line per event. Level from LOG_LEVEL.
// Never log transcript or summary text, passwords or tokens: the redact list is a
// second wall for fields that should not have been passed in the first place.
export type Logger = pino.Logger;

export const REDACTED_FIELDS = [
  'password', '*.password', 'token', '*.token', 'access_token', 'refresh_token', '*.access_token', '*.refresh_token',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'oral_transcript', '*.oral_transcript', 'summary_text', '*.summary_text', 'transcript', '*.transcript',
];

/** Logs to stdout unless given a `destination` (tests pass one to read the lines back). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: `medgrade-${service}` },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceFields,
  }, destination);
}

/** trace_id / span_id of the active span, so a log line leads to its trace. */
function traceFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
}
