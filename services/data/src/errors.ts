// One error type for everything the data layer refuses. Callers map `code` to their
// protocol (gRPC status in the rubric store, HTTP problem types in the gateway).
import type { QaReport } from '@medgrade/core';

export type DataErrorCode =
  /** The id does not exist in the caller's institution (cross-tenant ids look the same). */
  | 'not_found'
  /** A unique value is taken (e.g. email, rubric id, institution slug). */
  | 'conflict'
  /** Optimistic concurrency: the version the caller edited is no longer the newest. */
  | 'stale_version'
  /** The operation does not apply in the current state (approve a non-draft, edit an archived rubric). */
  | 'invalid_state'
  /** QA validation failed; `qaReport` says why. */
  | 'qa_failed'
  /** The input is malformed (bad semver, bad email, empty batch). */
  | 'invalid_input'
  /** The role may not do this at all (e.g. non-platform admin creating an institution). */
  | 'forbidden';

export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly qaReport?: QaReport,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

export function isDataError(err: unknown, code?: DataErrorCode): err is DataError {
  return err instanceof DataError && (code === undefined || err.code === code);
}
