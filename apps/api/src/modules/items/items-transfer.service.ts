import { HttpStatus, Injectable } from '@nestjs/common';
import {
  badRowsWorkbook,
  exportItems,
  importTemplate,
  leafPoints,
  parseImport,
  validateImportBatch,
  type ExportFormat,
  type ImportError,
  type ImportFormat,
  type ImportResult,
  type ItemContent,
  type KnowledgeMap,
} from '@jianding/itembank';
import { createHash, randomUUID } from 'crypto';
import { extname } from 'path';
import { EntityManager } from 'typeorm';
import { AppException, unprocessable } from '../../common/app.exception';
import { assertImportBounded } from '../../common/import-bounds';
import { Db } from '../../database/db.service';
import { QueueService } from '../../queue/queue.service';
import { JobName } from '../../queue/jobs';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/principal';
import { Bank, BanksService, parseJson, ResolvedBank } from '../banks/banks.service';
import { stemIndex, stemKey } from './item-content';
import { ItemEntity, ItemVersionEntity, PracticalSetEntity } from './item.entities';
import { ItemsRepository } from './items.repository';

/** Files with more data rows than this are imported by a queued job (202 + GET /jobs/{id}) instead of in the request. */
export const IMPORT_QUEUE_ROWS = 2000;
/** A job result lives in a TEXT column: it keeps the first errors and the total. */
export const JOB_RESULT_MAX_ERRORS = 200;

export interface ImportOutcome {
  imported: number;
  errors: ImportError[];
  warnings: string[];
  /** Total errors when `errors` was cut short (job results only). */
  errorCount?: number;
}

export type ImportedStatus = 'draft' | 'in_review';
type Progress = (percent: number) => Promise<void>;

const MIME_FORMATS: Record<string, ImportFormat> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/json': 'json',
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The import format of an upload: its extension first, then its MIME type; IMPORT_FORMAT_UNSUPPORTED otherwise. */
export function importFormatOf(fileName: string | undefined, mimeType: string | undefined): ImportFormat {
  const ext = extname(fileName ?? '')
    .slice(1)
    .toLowerCase();
  if (ext === 'xlsx' || ext === 'csv' || ext === 'json') return ext;
  const byMime = MIME_FORMATS[(mimeType ?? '').split(';')[0].trim().toLowerCase()];
  if (byMime && !ext) return byMime;
  throw new AppException(
    'IMPORT_FORMAT_UNSUPPORTED',
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    `Cannot import "${fileName ?? ''}": use an .xlsx, .csv (UTF-8) or .json file`,
  );
}

/**
 * Spreadsheet import and export (SPEC §5). An import is all or nothing: the library parses the file and checks every
 * row, this service adds the bank's own facts (knowledge points, stems already stored, item ids, refs) and then
 * writes everything in one transaction with multi-row INSERTs — or nothing, with every bad row's number and column.
 */
@Injectable()
export class ItemTransferService {
  /** Data rows above which an upload becomes a queued job; a property so a deployment or test can tune it. */
  queueRows = IMPORT_QUEUE_ROWS;

  constructor(
    private readonly db: Db,
    private readonly repo: ItemsRepository,
    private readonly banks: BanksService,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
  ) {}

  /**
   * An upload: imported now (201 `{imported, warnings}`, or 422 IMPORT_INVALID with every error), or, for a large
   * file, handed to the queue (202 `{jobId, status}`).
   */
  async upload(
    actor: Actor & { id: string },
    where: { occupation: string; level: string },
    file: { buffer: Buffer; originalname?: string; mimetype?: string },
    status: ImportedStatus = 'draft',
  ): Promise<{ queued: false; result: ImportOutcome } | { queued: true; jobId: string; status: string }> {
    const format = importFormatOf(file.originalname, file.mimetype);
    const target = await this.banks.ensure(where.occupation, where.level);
    if (!target.bank.knowledgeMap) throw this.mapMissing();
    const parsed = await this.parse(file.buffer, format);
    const rows = parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size;
    if (rows > this.queueRows) {
      const key = `${target.bank.id}:${target.bank.knowledgeMapVersion}:${status}:${actor.id}:${createHash('sha256').update(file.buffer).digest('hex')}`;
      const run = await this.queue.enqueue(
        JobName.ItemImport,
        {
          bankId: target.bank.id,
          format,
          fileBase64: file.buffer.toString('base64'),
          actorId: actor.id,
          actorName: actor.name,
          fileName: file.originalname,
          status,
        },
        {
          key,
          createdBy: actor.id,
          record: {
            bankId: target.bank.id,
            format,
            fileName: file.originalname ?? null,
            bytes: file.buffer.length,
            rows,
            status,
          },
        },
      );
      return { queued: true, jobId: run.id, status: run.status };
    }
    const result = await this.importParsed(actor, target.bank, parsed, { status, fileName: file.originalname, format });
    if (result.errors.length)
      throw unprocessable('IMPORT_INVALID', `The file has ${result.errors.length} problem(s); nothing was imported`, {
        imported: 0,
        errors: result.errors,
        warnings: result.warnings,
      });
    return { queued: false, result };
  }

  /** The queued job and the CLI: the same work, with progress; errors are returned, not thrown. */
  async importFile(
    actor: Actor & { id: string },
    bankId: string,
    buffer: Buffer,
    format: ImportFormat,
    opts: { status?: ImportedStatus; fileName?: string; progress?: Progress } = {},
  ): Promise<ImportOutcome> {
    const bank = await this.banks.findById(bankId);
    if (!bank.knowledgeMap)
      return {
        imported: 0,
        errors: [{ row: 0, column: '', code: 'KNOWLEDGE_MAP_MISSING', message: this.mapMissing().message }],
        warnings: [],
      };
    const parsed = await this.parse(buffer, format);
    await opts.progress?.(20);
    return this.importParsed(actor, bank, parsed, { ...opts, format });
  }

  /** Bounded before it is parsed: a file that would not fit in memory is refused with 413 IMPORT_TOO_LARGE. */
  private async parse(buffer: Buffer, format: ImportFormat): Promise<ImportResult> {
    await assertImportBounded(buffer, format);
    return parseImport(buffer, format);
  }

  /** Every check, then every write in one transaction with the bank row locked; nothing is written if anything is wrong. */
  private async importParsed(
    actor: Actor & { id: string },
    target: Bank,
    parsed: ImportResult,
    opts: { status?: ImportedStatus; fileName?: string; format: ImportFormat; progress?: Progress },
  ): Promise<ImportOutcome> {
    const status = opts.status ?? 'draft';
    const warnings = parsed.warnings;
    if (parsed.errors.length && parsed.rows.length === 0) return { imported: 0, errors: parsed.errors, warnings };
    // Progress goes to the run row in its own transaction. On SQLite that one waits for ours (one writer at a time),
    // so it must not be awaited inside ours: reports are chained in order and awaited once ours has committed.
    let reported: Promise<void> = Promise.resolve();
    const progress = (percent: number): void => {
      if (opts.progress) reported = reported.then(() => opts.progress!(percent)).catch(() => undefined);
    };
    const outcome = await this.db.transaction(async (tx): Promise<ImportOutcome> => {
      const bank = (await this.banks.lock(tx, target.id))!;
      const errors = await this.check(tx, bank, parsed);
      progress(40);
      if (errors.length) return { imported: 0, errors, warnings };

      const now = Date.now();
      const idOfRef = new Map<string, string>();
      const ids = parsed.rows.map((r) => {
        const id = randomUUID();
        if (r.content.ref) idOfRef.set(r.content.ref, id);
        return id;
      });
      const setIds = await this.ensureSets(
        tx,
        bank.id,
        parsed.rows.map((r) => r.content),
        now,
      );
      const items: ItemEntity[] = [];
      const versions: ItemVersionEntity[] = [];
      parsed.rows.forEach((r, i) => {
        const content: ItemContent = { ...r.content };
        if (content.enemies?.length) content.enemies = [...new Set(content.enemies.map((e) => idOfRef.get(e) ?? e))];
        else delete content.enemies;
        const versionId = randomUUID();
        items.push(
          Object.assign(new ItemEntity(), {
            id: ids[i],
            bankId: bank.id,
            type: content.type,
            ref: content.ref ?? null,
            latestVersionId: versionId,
            latestNo: 1,
            approvedVersionId: null,
            practicalSetId: content.type === 'task' && content.set ? setIds.get(content.set)! : null,
            usageCount: 0,
            lastUsedAt: null,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          }),
        );
        versions.push(
          Object.assign(new ItemVersionEntity(), {
            id: versionId,
            itemId: ids[i],
            bankId: bank.id,
            no: 1,
            type: content.type,
            status,
            content: JSON.stringify(content),
            stemKey: stemKey(content.stem),
            knowledgePoint: content.knowledgePoint,
            difficulty: content.difficulty,
            authorId: actor.id,
            changeNote: opts.fileName ? `import ${opts.fileName}`.slice(0, 500) : 'import',
            reviewerId: null,
            reviewedAt: null,
            reviewReason: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
      });
      await this.repo.bulkInsert(tx, items, versions, async (done) => progress(40 + (55 * done) / items.length));
      await this.audit.append(tx, {
        actor,
        action: 'item.import',
        entity: 'bank',
        entityId: bank.id,
        data: {
          imported: items.length,
          status,
          format: opts.format,
          fileName: opts.fileName ?? null,
          practicalSets: setIds.size,
        },
      });
      return { imported: items.length, errors: [], warnings };
    });
    await reported;
    return outcome;
  }

  /** Every problem of a parsed file against the bank: the parser's, the batch rules', and refs the bank already uses. */
  private async check(tx: EntityManager, bank: Bank, parsed: ImportResult): Promise<ImportError[]> {
    const map = parseJson<KnowledgeMap>(bank.knowledgeMap);
    if (!map) return [{ row: 0, column: '', code: 'KNOWLEDGE_MAP_MISSING', message: this.mapMissing().message }];
    const [owners, itemIds, bankRefs] = await Promise.all([
      this.repo.stemOwners(bank.id, undefined, tx),
      this.repo.itemIds(bank.id, undefined, tx),
      this.repo.refs(bank.id, tx),
    ]);
    return [
      ...parsed.errors,
      ...validateImportBatch(parsed.rows, {
        knowledgePoints: new Set(leafPoints(map).map((p) => p.code)),
        existingStems: stemIndex(owners),
        existingItemIds: itemIds,
        fileRefs: parsed.refs,
      }),
      ...parsed.rows
        .filter((r) => r.content.ref && bankRefs.has(r.content.ref))
        .map((r) => ({
          row: r.row,
          column: r.columns.ref ?? '编号',
          code: 'REF_DUPLICATE',
          message: `Ref ${r.content.ref} is already used by an item of this bank. 编号「${r.content.ref}」在题库中已存在。`,
        })),
    ].sort((a, b) => a.row - b.row);
  }

  /**
   * The bad rows of an upload as an xlsx with a reason column (the same checks as the import, nothing written), so the
   * author fixes them where they work. IMPORT_VALID when the file has no bad row.
   */
  async badRows(
    where: { occupation: string; level: string },
    file: { buffer: Buffer; originalname?: string; mimetype?: string },
  ): Promise<{ body: Buffer; contentType: string; fileName: string; count: number }> {
    const format = importFormatOf(file.originalname, file.mimetype);
    const { bank } = await this.banks.find(where.occupation, where.level);
    const parsed = await parseImport(file.buffer, format);
    const errors = await this.check(this.db.manager, bank, parsed);
    const rows = new Set(errors.filter((e) => e.row > 0).map((e) => e.row));
    if (rows.size === 0) {
      if (errors.length)
        throw unprocessable('IMPORT_INVALID', errors[0].message, { imported: 0, errors, warnings: parsed.warnings });
      throw new AppException('IMPORT_VALID', HttpStatus.CONFLICT, 'The file has no bad rows: import it');
    }
    return {
      body: await badRowsWorkbook(file.buffer, format, errors),
      contentType: CONTENT_TYPES.xlsx,
      fileName: 'bad-rows.xlsx',
      count: rows.size,
    };
  }

  /** The import template with its Chinese headers and an example row. */
  async template(format: 'xlsx' | 'csv' = 'xlsx'): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    return {
      body: await importTemplate(format),
      contentType: CONTENT_TYPES[format],
      fileName: `import-template.${format}`,
    };
  }

  /** Practical sets named by the file's tasks, created in the bank when new; set code → id. */
  private async ensureSets(
    tx: EntityManager,
    bankId: string,
    contents: ItemContent[],
    now: number,
  ): Promise<Map<string, string>> {
    const codes = new Set(contents.flatMap((c) => (c.type === 'task' && c.set ? [c.set] : [])));
    if (codes.size === 0) return new Map();
    const existing = await this.repo.practicalSets(bankId, tx);
    const fresh = [...codes]
      .filter((c) => !existing.has(c))
      .map((code) =>
        Object.assign(new PracticalSetEntity(), { id: randomUUID(), bankId, code, title: code, createdAt: now }),
      );
    await this.repo.insertSets(tx, fresh);
    for (const s of fresh) existing.set(s.code, s.id);
    return existing;
  }

  /** A bank as a file in the import template, so importing it elsewhere reproduces every item. */
  async export(
    where: { occupation: string; level: string },
    format: ExportFormat = 'xlsx',
    status = 'approved',
  ): Promise<{ body: Buffer; contentType: string; fileName: string; count: number }> {
    const { bank, occupation }: ResolvedBank = await this.banks.find(where.occupation, where.level);
    const rows = await this.repo.exportVersions(bank.id, status);
    const body = await exportItems(
      rows.map((r) => ({ id: r.itemId, content: JSON.parse(r.content) as ItemContent })),
      format,
    );
    return {
      body,
      contentType: CONTENT_TYPES[format],
      fileName: `${occupation.code}-L${bank.level}-${status}.${format}`,
      count: rows.length,
    };
  }

  private mapMissing(): AppException {
    return unprocessable(
      'KNOWLEDGE_MAP_MISSING',
      'The bank has no knowledge map yet: PUT /banks/{occupation}/{level}/knowledge-map first',
    );
  }
}
