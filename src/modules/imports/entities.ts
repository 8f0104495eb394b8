import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idColumn } from '../../db/columns.js';
import { User } from '../identity/entities.js';
import { Vendor } from '../vendors/entities.js';
import { importModes, importPhases, importPresets, importStatuses, type ImportErrorOutput, type ImportSummary } from './contract.js';

// Millisecond timestamps, so a keyset cursor carrying a JS Date matches the stored value exactly.
const timestamp = () => p.datetime(3);

/**
 * One CSV import: what to read and how, where it stands, and what it found. The file is either
 * kept inline (`csv`, up to the request body limit) or an uploaded object (`uploadPath`); the
 * work runs as a pg-boss job whose only data is this row's id, so a restart loses nothing.
 */
export const ImportJob = defineEntity({
  name: 'ImportJob',
  tableName: 'import_jobs',
  indexes: [{ properties: ['vendor', 'createdAt', 'id'] }],
  properties: {
    id: idColumn(),
    vendor: () => p.manyToOne(Vendor).deleteRule('cascade'),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    fileName: p.string().length(255),
    preset: p.enum(importPresets),
    mapping: p.json<Record<string, string>>().nullable(),
    mode: p.enum(importModes),
    partial: p.boolean().default(false),
    status: p.enum(importStatuses).default('queued'),
    phase: p.enum(importPhases).nullable(),
    /** The file inline (cleared once the job has finished). */
    csv: p.text().nullable().lazy(),
    /** The uploaded object (deleted from storage once the job has finished). */
    uploadPath: p.string().length(255).nullable(),
    rowsTotal: p.integer().nullable(),
    rowsDone: p.integer().default(0),
    bytesTotal: p.integer().nullable(),
    bytesDone: p.integer().default(0),
    summary: p.json<ImportSummary>().nullable(),
    wouldApply: p.boolean().nullable(),
    /** The first KEPT_ERRORS errors; all of them are rows of import_errors. */
    errors: p.json<ImportErrorOutput[]>().default('[]'),
    errorCount: p.integer().default(0),
    failure: p.text().nullable(),
    createdAt: timestamp().onCreate(() => new Date()),
    startedAt: timestamp().nullable(),
    finishedAt: timestamp().nullable(),
  },
});
export type IImportJob = InferEntity<typeof ImportJob>;

/** Every error of a job, in file order (`position`), for imports.errors; written in batches by the job. */
export const ImportError = defineEntity({
  name: 'ImportError',
  tableName: 'import_errors',
  properties: {
    job: () => p.manyToOne(ImportJob).primary().deleteRule('cascade'),
    position: p.integer().primary(),
    line: p.integer(),
    column: p.string().length(200).nullable(),
    message: p.text(),
  },
});
export type IImportError = InferEntity<typeof ImportError>;

export const importEntities = [ImportJob, ImportError];
