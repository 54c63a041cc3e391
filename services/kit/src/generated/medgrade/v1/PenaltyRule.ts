// Original file: proto/medgrade/v1/common.proto


/**
 * Explicit rule deciding when a structure penalty applies.
 * kind "missing" uses `section`; kind "order" uses `first` and `then`.
 */
export interface PenaltyRule {
  'kind'?: (string);
  'section'?: (string);
  'first'?: (string);
  'then'?: (string);
  '_section'?: "section";
  '_first'?: "first";
  '_then'?: "then";
}

/**
 * Explicit rule deciding when a structure penalty applies.
 * kind "missing" uses `section`; kind "order" uses `first` and `then`.
 */
export interface PenaltyRule__Output {
  'kind': (string);
  'section'?: (string);
  'first'?: (string);
  'then'?: (string);
}
