// Original file: proto/medgrade/v1/common.proto


export interface FeedbackCitations {
  'rubric'?: (string)[];
  'student'?: (string)[];
}

export interface FeedbackCitations__Output {
  'rubric': (string)[];
  'student': (string)[];
}
