import { z } from 'zod';
import { timestampOutput } from '../../contract/common.js';
import { csvPresets } from '../../contract/csv.js';
import { idSchema } from '../../contract/ids.js';
import { pageOf, paginationFields } from '../../contract/pagination.js';
import { label } from '../../contract/text.js';

export const importPresets = [...csvPresets, 'custom'] as const;
export type ImportPreset = (typeof importPresets)[number];
export const importModes = ['dryRun', 'apply'] as const;
export type ImportMode = (typeof importModes)[number];
export const importStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof importStatuses)[number];
/** What a running job is doing: reading the file (parse, validate, stage) or writing it. */
export const importPhases = ['reading', 'applying'] as const;
export type ImportPhase = (typeof importPhases)[number];

/** The largest file `imports.createUploadUrl` signs for. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Errors kept on the job itself; `imports.errors` pages through all of them. */
export const KEPT_ERRORS = 1000;
/** The longest cell any column takes (the longest item field, `description`, is 10,000 characters). */
export const MAX_CELL_LENGTH = 10_000;

/**
 * The item fields a `custom` mapping may target: the native column names (src/contract/csv.ts),
 * which are the item's fields and its card details' fields.
 */
export const mappableFields = [
  'sku', 'name', 'category', 'condition', 'status', 'store', 'quantity', 'intakePrice', 'price', 'projectedPrice',
  'description', 'imageUrl', 'attributes',
  'game', 'setName', 'setCode', 'cardNumber', 'rarity', 'finish', 'language', 'gradingCompany', 'grade', 'certNumber',
  'externalIds', 'lastEstimatedAt', 'releaseDate', 'printRun', 'marketRegion', 'notes',
] as const;
export type MappableField = (typeof mappableFields)[number];

/**
 * CSV column (header text) → item field: the whole mapping of `custom`, or columns that override
 * the `tcgplayer` preset's own (e.g. a `SKU` column instead of `TCG-<TCGplayer Id>`). Two columns
 * may not feed one field.
 */
export const mappingSchema = z
  .record(label(200), z.enum(mappableFields))
  .refine((mapping) => Object.keys(mapping).length <= 100, 'at most 100 columns');

/**
 * The rules between fields of imports.create (checked by the service, so the schema stays a plain
 * object for REST and the fuzz tier): csv or uploadId, a mapping for custom only with sku and
 * name, never for native, one column per field.
 */
export function importInputIssues(input: CreateImportInput): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if ((input.csv === undefined) === (input.uploadId === undefined)) issues.push({ path: ['csv'], message: 'give either csv or uploadId' });
  const targets = Object.values(input.mapping ?? {});
  if (input.preset === 'custom' && !input.mapping) issues.push({ path: ['mapping'], message: 'is required for the custom preset' });
  if (input.preset === 'native' && input.mapping) issues.push({ path: ['mapping'], message: 'is for the custom and tcgplayer presets' });
  if (input.preset === 'custom' && input.mapping && !(targets.includes('sku') && targets.includes('name'))) {
    issues.push({ path: ['mapping'], message: 'must map a column to sku and one to name' });
  }
  if (new Set(targets).size !== targets.length) issues.push({ path: ['mapping'], message: 'maps two columns to one field' });
  return issues;
}

export const createImportInput = z
  .object({
    /** The file itself, up to the request body limit. */
    csv: z.string().min(1, 'must not be empty').optional(),
    /** Or a file uploaded first through imports.createUploadUrl. */
    uploadId: idSchema.optional(),
    fileName: label(255),
    preset: z.enum(importPresets),
    mapping: mappingSchema.optional(),
    mode: z.enum(importModes),
    /** Commit every valid row and report the others (default: all rows or none). */
    partial: z.boolean().optional(),
  })
  .strict();
export type CreateImportInput = z.output<typeof createImportInput>;

export const createImportUploadUrlInput = z
  .object({
    fileName: label(255),
    contentType: z.literal('text/csv'),
    size: z.number().int().min(1).max(MAX_IMPORT_BYTES, 'must be at most 50 MB'),
  })
  .strict();

export const createImportUploadUrlOutput = z.object({
  /** Pass it to imports.create once the file is uploaded. */
  uploadId: idSchema,
  uploadUrl: z.string(),
  /** Supabase's upload token (for `uploadToSignedUrl`); the local storage carries it in the URL. */
  token: z.string().optional(),
  expiresAt: timestampOutput,
});

export const importIdInput = z.object({ id: idSchema }).strict();
export const listImportsInput = z.object({ status: z.enum(importStatuses).optional(), ...paginationFields }).strict();
export const importErrorsInput = z.object({ id: idSchema, ...paginationFields }).strict();

export const importErrorOutput = z.object({
  /** The file line the row starts on (the header is line 1). */
  row: z.number().int(),
  /** The CSV column, or null for the row as a whole. */
  column: z.string().nullable(),
  message: z.string(),
}).meta({ id: 'ImportError' });
export type ImportErrorOutput = z.infer<typeof importErrorOutput>;

export const importSummaryOutput = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummaryOutput>;

export const importJobOutput = z.object({
  id: idSchema,
  vendorId: idSchema,
  createdBy: idSchema.nullable(),
  fileName: z.string(),
  preset: z.enum(importPresets),
  mapping: z.record(z.string(), z.string()).nullable(),
  mode: z.enum(importModes),
  partial: z.boolean(),
  status: z.enum(importStatuses),
  phase: z.enum(importPhases).nullable(),
  /** Data rows of the file; null until it has been read. */
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  bytesTotal: z.number().int().nullable(),
  bytesDone: z.number().int(),
  summary: importSummaryOutput.nullable(),
  /** Whether apply writes the rows: false when rows are in error and `partial` is off. */
  wouldApply: z.boolean().nullable(),
  /** The first 1,000 errors; `errorCount` counts all (see imports.errors). */
  errors: z.array(importErrorOutput),
  errorCount: z.number().int(),
  /** Why a failed job failed. */
  failure: z.string().nullable(),
  createdAt: timestampOutput,
  startedAt: timestampOutput.nullable(),
  finishedAt: timestampOutput.nullable(),
}).meta({ id: 'ImportJob' });
export type ImportJobOutput = z.infer<typeof importJobOutput>;

export const importJobPageOutput = pageOf(importJobOutput);
export const importErrorPageOutput = pageOf(importErrorOutput);
export const cancelImportOutput = importJobOutput;

