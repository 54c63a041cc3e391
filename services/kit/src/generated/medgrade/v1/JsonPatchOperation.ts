// Original file: proto/medgrade/v1/common.proto


/**
 * One RFC 6902 operation. `value_json` is the JSON text of `value` (add, replace, test);
 * `from` is set for move and copy.
 */
export interface JsonPatchOperation {
  'op'?: (string);
  'from'?: (string);
  'path'?: (string);
  'value_json'?: (string);
  '_from'?: "from";
  '_value_json'?: "value_json";
}

/**
 * One RFC 6902 operation. `value_json` is the JSON text of `value` (add, replace, test);
 * `from` is set for move and copy.
 */
export interface JsonPatchOperation__Output {
  'op': (string);
  'from'?: (string);
  'path': (string);
  'value_json'?: (string);
}
