// The sections a student presented, in the labels the rubric's expected_order uses.
//
// The transcript's sections are found in a canonical vocabulary (transcript/sections.ts).
// Each canonical section takes the rubric's label for it, by the usual names clinicians
// give it (CC is PC or "presenting complaint", HPI is HPC, ROS is SR or "systems review",
// Meds is DH or "drug history" ...). When the rubric has no label for it, a section folds
// into the one the rubric would put it in: allergies into the drug history, else the past
// history; medicines into the past history; a systems review into the history of the
// complaint; anything else (obstetric history, ideas and concerns, examination, closing
// words) simply continues the section before it.
//
// Symptoms asked one after another are a systems review only when they are not what the
// rubric's own questions ask about: a rubric that asks about haemoptysis counts "any blood
// when you cough?" as part of the history of the complaint.
//
// Then two clinicians' conventions: the complaint is elicited once, at the start, so a later
// CC is no new section; and a short return into a section presented earlier ("sorry, going
// back to the pain ...", up to STRAY_QUESTIONS asking turns) adds no entry either. Clinicians
// mark no such return as a section; most returns the words suggest are single questions
// that read as another topic ("do you smoke?" about a trigger).

import { CONCEPT_INDEX, CONCEPTS } from '../lexicon/lexicon';
import { studentReadings, type UtteranceReading } from '../lexicon/reading';
import { compileQuestionConcepts } from '../questions/concepts';
import { sectionCue } from '../transcript/sections';
import type { ParsedTranscript, Rubric, SectionResult } from '../types';

/** Names of each canonical section, compared lower-case with punctuation as spaces. */
const NAMES: Readonly<Record<string, readonly string[]>> = {
  CC: ['cc', 'pc', 'c c', 'chief complaint', 'presenting complaint', 'complaint', 'reason for visit', 'reason for presentation'],
  HPI: ['hpi', 'hpc', 'hopc', 'history of presenting complaint', 'history of the presenting complaint', 'history of present illness', 'present illness', 'history of presenting illness'],
  ROS: ['ros', 'sr', 'systems review', 'system review', 'review of systems', 'systemic enquiry', 'systemic inquiry', 'systemic review', 'functional enquiry'],
  PMH: ['pmh', 'pmhx', 'past medical history', 'medical history', 'past history', 'psh', 'pmh psh', 'past medical and surgical history'],
  Meds: ['meds', 'medications', 'medication', 'medicines', 'dh', 'dhx', 'drug history', 'drugs', 'medication history', 'current medications', 'drug and allergy history', 'dh allergies'],
  Allergies: ['allergies', 'allergy', 'drug allergies', 'nkda'],
  OGH: ['ogh', 'o g', 'o g history', 'obs and gynae', 'obstetric history', 'gynaecological history', 'gynecological history', 'gynae history', 'obstetric and gynaecological history', 'ob gyn', 'obgyn', 'menstrual history', 'sexual history', 'o g hx', 'og'],
  SH: ['sh', 'shx', 'social history', 'social'],
  FH: ['fh', 'fhx', 'family history', 'family'],
  ICE: ['ice', 'ideas concerns expectations', 'ideas concerns and expectations', 'patient perspective', 'ideas concerns and expectations ice'],
  PE: ['pe', 'exam', 'examination', 'physical exam', 'physical examination', 'o e'],
  Summary: ['summary', 'presentation', 'case summary', 'closing summary', 'summarise', 'summarize'],
};
/** Where a canonical section goes when the rubric has no label for it (in order of preference). */
const FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  Allergies: ['Meds', 'PMH'],
  Meds: ['PMH'],
  ROS: ['HPI'],
  CC: ['HPI'],
};

function nameKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const CANONICAL_BY_NAME = new Map<string, string>();
for (const [canonical, names] of Object.entries(NAMES)) for (const name of names) CANONICAL_BY_NAME.set(name, canonical);

/** Canonical section → the rubric's label for it, worked out once per rubric object. */
const labelsByRubric = new WeakMap<Rubric, Map<string, string>>();

function rubricLabels(rubric: Rubric): Map<string, string> {
  let labels = labelsByRubric.get(rubric);
  if (!labels) {
    labels = new Map();
    for (const label of rubric.structure.expected_order) {
      const canonical = CANONICAL_BY_NAME.get(nameKey(label)) ?? label;
      if (!labels.has(canonical)) labels.set(canonical, label);
    }
    for (const [canonical, fallbacks] of Object.entries(FALLBACKS)) {
      if (labels.has(canonical)) continue;
      const target = fallbacks.find((f) => labels!.has(f));
      if (target) labels.set(canonical, labels.get(target) as string);
    }
    labelsByRubric.set(rubric, labels);
  }
  return labels;
}

/**
 * Whether a student utterance of a systems review asks mostly about symptoms the rubric's
 * questions are about (at least as many as others); null when it asks about no symptom.
 */
function ownSymptoms(rubric: Rubric, reading: UtteranceReading): boolean | null {
  const owned = compileQuestionConcepts(rubric).owned;
  const named = new Set<number>();
  for (const s of reading.sentences) if (s.asks) for (const c of s.strongConcepts) if (CONCEPTS[c]?.domain === 'symptom') named.add(c);
  if (named.size === 0) return null;
  let ours = 0;
  // General symptoms (fever, night sweats, weight loss, tiredness) are a systems review's whatever the rubric asks.
  for (const c of named) if (owned.has(c) && !GENERAL_SYMPTOMS.has(c)) ours++;
  return ours > 0 && ours >= named.size - ours;
}

const GENERAL_SYMPTOMS = new Set(['fever', 'night_sweats', 'weight_loss', 'fatigue', 'appetite'].map((id) => CONCEPT_INDEX.get(id) as number));

interface Run {
  label: string | null;
  /** Student utterances in the run that ask something. */
  asked: number;
}

/**
 * The rubric's label of the section each utterance belongs to, by utterance index: null for
 * the Preamble, undefined where the rubric has no label (the utterance continues the section
 * before it).
 */
export function utteranceLabels(rubric: Rubric, sections: SectionResult, parsed: ParsedTranscript): (string | null | undefined)[] {
  const labels = rubricLabels(rubric);
  const readings = studentReadings(parsed);
  // When the student announces a systems review, the symptoms asked before it were the complaint's.
  const announcedAt = parsed.utterances.findIndex((u) => {
    const reading = readings[u.index];
    return reading !== null && reading !== undefined && sectionCue(reading.tokens.words) === 'ROS';
  });
  const canonical: string[] = [];
  let previous = 'Preamble';
  for (const section of sections.sections) {
    let current = section.label;
    for (const i of section.utterance_indexes) {
      const reading = readings[i];
      if (reading && section.label === 'ROS') current = systemsReviewOrComplaint(rubric, reading, i, announcedAt, previous);
      canonical[i] = current;
      previous = current;
    }
  }
  if (announcedAt < 0) foldEarlyReviews(canonical, readings);
  return canonical.map((label) => (label === 'Preamble' ? null : labels.get(label)));
}

/**
 * Symptoms asked between questions about the complaint are its associated symptoms, not a
 * systems review: without an announced review, every ROS question between the first and the
 * last question on the complaint (before the history moves on to the past, drugs, family ...)
 * is HPI. A review before any question on the complaint stays one (ROS presented first).
 */
function foldEarlyReviews(canonical: string[], readings: readonly (UtteranceReading | null)[]): void {
  let firstComplaintQuestion = -1;
  let lastComplaintQuestion = -1;
  for (let i = 0; i < canonical.length; i++) {
    const label = canonical[i];
    if (label === 'HPI') {
      if (!readings[i]?.sentences.some((s) => s.asks)) continue;
      if (firstComplaintQuestion < 0) firstComplaintQuestion = i;
      lastComplaintQuestion = i;
    } else if (label !== 'ROS' && label !== 'CC' && label !== 'Preamble' && lastComplaintQuestion >= 0) {
      break;
    }
  }
  for (let i = firstComplaintQuestion + 1; i < lastComplaintQuestion; i++) if (canonical[i] === 'ROS') canonical[i] = 'HPI';
}

/**
 * A question about symptoms is the complaint's (HPI) or a systems review's (ROS), question by
 * question: announced systems reviews are ROS and what came before them HPI; otherwise a
 * question about symptoms the rubric's questions are about goes on with the history of the
 * complaint, and once a systems review has begun it goes on; a question about no symptom
 * ("what did you see?") continues whatever came before.
 */
function systemsReviewOrComplaint(rubric: Rubric, reading: UtteranceReading, index: number, announcedAt: number, previous: string): string {
  if (announcedAt >= 0) return index >= announcedAt ? 'ROS' : 'HPI';
  const ours = ownSymptoms(rubric, reading);
  if (ours === null) return previous;
  return ours && previous !== 'ROS' ? 'HPI' : 'ROS';
}

/** The presented sections in the rubric's labels, in order, consecutive repeats collapsed. */
export function rubricOrder(rubric: Rubric, sections: SectionResult, parsed: ParsedTranscript): string[] {
  const readings = studentReadings(parsed);
  const runs: Run[] = [];
  utteranceLabels(rubric, sections, parsed).forEach((label, i) => {
    const asks = readings[i]?.sentences.some((s) => s.asks) ? 1 : 0;
    const last = runs[runs.length - 1];
    // No label of its own: the utterance continues the section before it.
    if (last && (label === undefined || last.label === label)) last.asked += asks;
    else runs.push({ label: label ?? null, asked: asks });
  });
  return smoothed(runs, rubricLabels(rubric).get('CC') ?? null);
}

/** How many asking turns a return into an earlier section may hold and still add no entry. */
const STRAY_QUESTIONS = 3;

function smoothed(runs: Run[], complaintLabel: string | null): string[] {
  const order: Run[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    const last = order[order.length - 1];
    const stray = run.label !== null && seen.has(run.label) && run.asked <= STRAY_QUESTIONS;
    const lateComplaint = run.label !== null && run.label === complaintLabel && seen.size > 0;
    if (run.label === null || stray || lateComplaint || (last && last.label === run.label)) {
      if (last) last.asked += run.asked;
      continue;
    }
    order.push({ ...run });
    seen.add(run.label);
  }
  return order.map((r) => r.label as string);
}
