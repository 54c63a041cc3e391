// Original file: proto/medgrade/v1/feedback.proto


export interface CitationCheck {
  'valid'?: (boolean);
  /**
   * One line per invalid citation, saying where it is and why it is invalid.
   */
  'problems'?: (string)[];
}

export interface CitationCheck__Output {
  'valid': (boolean);
  /**
   * One line per invalid citation, saying where it is and why it is invalid.
   */
  'problems': (string)[];
}
