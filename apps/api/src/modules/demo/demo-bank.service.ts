import { Injectable, Logger } from '@nestjs/common';
import { exportItems } from '@jianding/itembank';
import { randomBytes } from 'crypto';
import { Page } from '../../common/paging';
import { generateDemoBank } from '../../demo/generate-demo-bank';
import { Actor, StaffPrincipal } from '../auth/principal';
import { BanksService } from '../banks/banks.service';
import { ListItemsQuery } from '../items/dto/item.dto';
import { ItemTransferService } from '../items/items-transfer.service';
import { ItemsService, ItemView } from '../items/items.service';
import type { StaffRole } from '../users/roles';
import { UserDirectory } from '../users/user-directory';
import { UsersService } from '../users/users.service';

export const DEMO_SEED = 'jianding-demo';
export const DEMO_AUTHOR = 'demo-author';
export const DEMO_REVIEWER = 'demo-reviewer';
/** The file name the demo author's import names in the item versions' change note and the audit log. */
export const DEMO_IMPORT_FILE = 'demo-bank.json';
/** Items per page read (the items table's and the review queue's largest page). */
const PAGE = 500;
/** Items per bulk submit or approve: the bulk endpoints' limit. */
const BULK = 2000;
/** Who the audit log names for the demo's own users, as the rest of the demo does. */
const DEMO_ACTOR: Actor = { id: null, name: 'demo' };

/**
 * The demo bank a newcomer sees: 电工 (6-31-01-03) level 4 from the demo generator (`src/demo`) — its knowledge map,
 * about 1,470 theory items and 12 practical sets of 3 tasks — put through the same workflow as real items: the demo
 * author creates the occupation, puts the knowledge map and imports the items as drafts, then submits them; the demo
 * reviewer approves them from the review queue. Every step goes through the banks and items services, so the
 * versions, review records and audit log are those of any item (and the four-eyes rule is the real one).
 */
@Injectable()
export class DemoBankService {
  private readonly logger = new Logger('DemoBank');

  constructor(
    private readonly banks: BanksService,
    private readonly items: ItemsService,
    private readonly transfer: ItemTransferService,
    private readonly users: UsersService,
    private readonly directory: UserDirectory,
  ) {}

  /**
   * Loads the demo bank unless its occupation already exists: then no item is added, and only the demo author's
   * drafts and what awaits the demo reviewer there are taken forward (a first load that was interrupted ends).
   * Returns the demo bank's id (null if the occupation exists without a level-4 bank). The demo author and reviewer
   * get the passwords given (the embedded demo's sign-ins), or random ones nobody knows (the CLI).
   */
  async ensureDemoBank(passwords: { author?: string; reviewer?: string } = {}): Promise<string | null> {
    const demo = generateDemoBank(DEMO_SEED);
    const { code, name } = demo.occupation;
    const started = Date.now();
    const exists = (await this.banks.listOccupations()).items.some((o) => o.code === code);
    if (exists && !(await this.bankId(code, demo.level))) return null;

    const [author, reviewer] = await Promise.all([
      this.demoUser(DEMO_AUTHOR, '示例命题人', 'author', passwords.author),
      this.demoUser(DEMO_REVIEWER, '示例审题专家', 'reviewer', passwords.reviewer),
    ]);
    const asAuthor = { id: author.userId, name: author.username };
    let imported = 0;
    if (!exists) {
      await this.banks.createOccupation(asAuthor, { code, name });
      await this.banks.putKnowledgeMap(asAuthor, code, demo.level, demo.knowledgeMap);
      const file = await exportItems(
        demo.items.map((i) => ({ id: i.ref, content: i.content })),
        'json',
      );
      const bankId = (await this.bankId(code, demo.level))!;
      const outcome = await this.transfer.importFile(asAuthor, bankId, file, 'json', { fileName: DEMO_IMPORT_FILE });
      if (outcome.errors.length)
        throw new Error(`the demo bank did not import: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
      imported = outcome.imported;
    }
    const submitted = await this.submitDrafts(author, code, demo.level);
    const approved = await this.approveQueue(reviewer, author, code, demo.level);
    if (imported || submitted || approved)
      this.logger.log(
        `Demo bank ${code} ${name} level ${demo.level}: ${imported} imported by ${DEMO_AUTHOR}, ${submitted} submitted, ${approved} approved by ${DEMO_REVIEWER} in ${Date.now() - started} ms`,
      );
    return this.bankId(code, demo.level);
  }

  /** The author submits their drafts in the bank with the items table's bulk action (up to 2,000 at once). */
  private async submitDrafts(author: StaffPrincipal, occupation: string, level: string): Promise<number> {
    const ids = await this.ids(
      (page) => this.items.list(this.query({ occupation, level, status: 'draft', page })),
      author,
    );
    for (let i = 0; i < ids.length; i += BULK) await this.items.actMany(author, ids.slice(i, i + BULK), 'submit');
    return ids.length;
  }

  /** The reviewer approves the demo author's items from their review queue (which never holds their own items). */
  private async approveQueue(
    reviewer: StaffPrincipal,
    author: StaffPrincipal,
    occupation: string,
    level: string,
  ): Promise<number> {
    const ids = await this.ids(
      (page) => this.items.reviewQueue(reviewer, this.query({ occupation, level, page })),
      author,
    );
    for (let i = 0; i < ids.length; i += BULK) await this.items.actMany(reviewer, ids.slice(i, i + BULK), 'approve');
    return ids.length;
  }

  /** Every listed item whose latest version the demo author wrote, read page by page before anything changes. */
  private async ids(list: (page: number) => Promise<Page<ItemView>>, author: StaffPrincipal): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const { items } = await list(page);
      for (const item of items) if (item.authorId === author.userId) ids.push(item.id);
      if (items.length < PAGE) return ids;
    }
  }

  private query(q: Partial<ListItemsQuery>): ListItemsQuery {
    return Object.assign(new ListItemsQuery(), { pageSize: PAGE }, q);
  }

  private async bankId(occupation: string, level: string): Promise<string | null> {
    const banks = await this.banks.listBanks(occupation);
    return banks.items.find((b) => b.level === level)?.id ?? null;
  }

  /**
   * The demo author or reviewer, created when missing with the password given or a random one (then nobody signs in
   * as them); one that exists gets the password given.
   */
  private async demoUser(
    username: string,
    displayName: string,
    role: StaffRole,
    password?: string,
  ): Promise<StaffPrincipal> {
    const found = await this.directory.findByUsername(username);
    if (found && password) await this.users.update(DEMO_ACTOR, found.id, { password });
    const user =
      found ??
      (await this.users.create(DEMO_ACTOR, {
        username,
        displayName,
        password: password ?? randomBytes(24).toString('base64url'),
        roles: [role],
      }));
    return { kind: 'staff', userId: user.id, username: user.username, roles: user.roles, institutionId: null };
  }
}
