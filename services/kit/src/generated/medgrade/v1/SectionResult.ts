// Original file: proto/medgrade/v1/common.proto

import type { Section as _medgrade_v1_Section, Section__Output as _medgrade_v1_Section__Output } from '../../medgrade/v1/Section';

export interface SectionResult {
  'sections'?: (_medgrade_v1_Section)[];
  'detected_order'?: (string)[];
}

export interface SectionResult__Output {
  'sections': (_medgrade_v1_Section__Output)[];
  'detected_order': (string)[];
}
