// Original file: proto/medgrade/v1/transcript.proto


export interface ParseRequest {
  'oral_transcript'?: (string);
}

export interface ParseRequest__Output {
  'oral_transcript': (string);
}
