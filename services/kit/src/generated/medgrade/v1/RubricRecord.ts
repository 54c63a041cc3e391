// Original file: proto/medgrade/v1/rubric_store.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';
import type { QaReport as _medgrade_v1_QaReport, QaReport__Output as _medgrade_v1_QaReport__Output } from '../../medgrade/v1/QaReport';

export interface RubricRecord {
  /**
   * The body as typed message; set whenever the body passes QA (always for approved versions).
   */
  'rubric'?: (_medgrade_v1_Rubric | null);
  /**
   * draft | approved | archived
   */
  'status'?: (string);
  'version'?: (string);
  'rubric_id'?: (string);
  'created_at'?: (string);
  /**
   * Time of the last status change (approval, archive), else created_at.
   */
  'updated_at'?: (string);
  /**
   * The exact stored JSON (unknown fields included), with rubric_id, version and status set.
   */
  'rubric_json'?: (string);
  /**
   * Stored at approval; empty for drafts.
   */
  'qa_report'?: (_medgrade_v1_QaReport | null);
  'created_by'?: (string);
  'approved_by'?: (string);
  'approved_at'?: (string);
  'archived_at'?: (string);
  /**
   * Hex SHA-256 of rubric_json: changes whenever the body or the status does.
   */
  'content_hash'?: (string);
  '_qa_report'?: "qa_report";
}

export interface RubricRecord__Output {
  /**
   * The body as typed message; set whenever the body passes QA (always for approved versions).
   */
  'rubric': (_medgrade_v1_Rubric__Output | null);
  /**
   * draft | approved | archived
   */
  'status': (string);
  'version': (string);
  'rubric_id': (string);
  'created_at': (string);
  /**
   * Time of the last status change (approval, archive), else created_at.
   */
  'updated_at': (string);
  /**
   * The exact stored JSON (unknown fields included), with rubric_id, version and status set.
   */
  'rubric_json': (string);
  /**
   * Stored at approval; empty for drafts.
   */
  'qa_report'?: (_medgrade_v1_QaReport__Output | null);
  'created_by': (string);
  'approved_by': (string);
  'approved_at': (string);
  'archived_at': (string);
  /**
   * Hex SHA-256 of rubric_json: changes whenever the body or the status does.
   */
  'content_hash': (string);
}
