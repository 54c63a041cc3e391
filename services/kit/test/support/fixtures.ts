import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rubric } from '@medgrade/core';

// The kit's own grading fixtures (a syncope rubric and a timestamped transcript), shared
// by the gRPC service tests.
const dir = path.resolve(__dirname, '../fixtures');

export const syncopeRubric = (): Rubric => JSON.parse(fs.readFileSync(path.join(dir, 'syncope_v1.json'), 'utf8')) as Rubric;
export const syncopeTranscript = (): string => fs.readFileSync(path.join(dir, 'syncope_transcript.txt'), 'utf8');
