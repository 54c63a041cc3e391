// Original file: proto/medgrade/v1/common.proto


export interface Utterance {
  /**
   * Position among the kept (non-duplicate) utterances, 0-based.
   */
  'index'?: (number);
  /**
   * 1-based first and last physical line of this utterance in the original text.
   */
  'line'?: (number);
  'line_end'?: (number);
  /**
   * student | patient | examiner | unknown
   */
  'speaker'?: (string);
  'speaker_label'?: (string);
  'text'?: (string);
  'start_seconds'?: (number | string);
  'end_seconds'?: (number | string);
  'timestamp_start'?: (string);
  'timestamp_end'?: (string);
  /**
   * First line of the next kept utterance (own line_end for the last): end of its line span.
   */
  'line_span_end'?: (number);
  '_speaker_label'?: "speaker_label";
  '_start_seconds'?: "start_seconds";
  '_end_seconds'?: "end_seconds";
  '_timestamp_start'?: "timestamp_start";
  '_timestamp_end'?: "timestamp_end";
}

export interface Utterance__Output {
  /**
   * Position among the kept (non-duplicate) utterances, 0-based.
   */
  'index': (number);
  /**
   * 1-based first and last physical line of this utterance in the original text.
   */
  'line': (number);
  'line_end': (number);
  /**
   * student | patient | examiner | unknown
   */
  'speaker': (string);
  'speaker_label'?: (string);
  'text': (string);
  'start_seconds'?: (number);
  'end_seconds'?: (number);
  'timestamp_start'?: (string);
  'timestamp_end'?: (string);
  /**
   * First line of the next kept utterance (own line_end for the last): end of its line span.
   */
  'line_span_end': (number);
}
