// Original file: proto/medgrade/v1/common.proto


export interface Section {
  'label'?: (string);
  'utterance_indexes'?: (number)[];
}

export interface Section__Output {
  'label': (string);
  'utterance_indexes': (number)[];
}
