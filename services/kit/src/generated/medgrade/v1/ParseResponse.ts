// Original file: proto/medgrade/v1/transcript.proto

import type { ParsedTranscript as _medgrade_v1_ParsedTranscript, ParsedTranscript__Output as _medgrade_v1_ParsedTranscript__Output } from '../../medgrade/v1/ParsedTranscript';
import type { SectionResult as _medgrade_v1_SectionResult, SectionResult__Output as _medgrade_v1_SectionResult__Output } from '../../medgrade/v1/SectionResult';

export interface ParseResponse {
  'parsed'?: (_medgrade_v1_ParsedTranscript | null);
  'sections'?: (_medgrade_v1_SectionResult | null);
}

export interface ParseResponse__Output {
  'parsed': (_medgrade_v1_ParsedTranscript__Output | null);
  'sections': (_medgrade_v1_SectionResult__Output | null);
}
