// Original file: proto/medgrade/v1/common.proto

import type { Utterance as _medgrade_v1_Utterance, Utterance__Output as _medgrade_v1_Utterance__Output } from '../../medgrade/v1/Utterance';

export interface ParsedTranscript {
  'utterances'?: (_medgrade_v1_Utterance)[];
  'has_timestamps'?: (boolean);
  'duplicates_removed'?: (number);
  'warnings'?: (string)[];
}

export interface ParsedTranscript__Output {
  'utterances': (_medgrade_v1_Utterance__Output)[];
  'has_timestamps': (boolean);
  'duplicates_removed': (number);
  'warnings': (string)[];
}
