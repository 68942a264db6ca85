import { BackboneError } from '@backbone/contracts';
import type { ViewReader } from '@backbone/views';
import { INBOX_TASKS, inboxSet } from '../projections/departmentInboxProjection.ts';
import { isOpen, roleOf } from '../projections/taskSummary.ts';
import type { TaskBlock, TaskStatus, TaskSummary } from '../projections/taskSummary.ts';

/** Filters and page of an inbox read. */
export interface InboxQuery {
  readonly status?: TaskStatus;
  readonly field?: string;
  readonly overdue?: boolean;
  /** Page size, 1–200. */
  readonly limit: number;
  /** Continue after the item this cursor names (from `nextCursor`). */
  readonly cursor?: string;
  /** Or skip this many items; not together with `cursor`. */
  readonly offset?: number;
}

/** One task in a department's inbox. */
export interface InboxItem {
  readonly taskId: string;
  readonly title: string;
  readonly field: string;
  /** The part this department plays. */
  readonly role: 'lead' | 'supporting';
  /** Whether this department accepted its part. */
  readonly accepted: boolean;
  readonly status: TaskStatus;
  readonly progress: number;
  readonly dueDate: string;
  readonly overdue: boolean;
  readonly escalated: boolean;
  /** Who is blocking whom: `by` cannot go on and `needsHelpFrom` is asked to help; null when not blocked. */
  readonly blocked: TaskBlock | null;
  readonly lead: string | null;
  readonly supporting: readonly string[];
  readonly declinedBy: readonly string[];
  /** The task version this item reflects. */
  readonly version: number;
}

/** A page of an inbox, sorted by due date then task id. */
export interface InboxPage {
  readonly department: string;
  readonly items: readonly InboxItem[];
  /** Items matching the filters, over every page. */
  readonly total: number;
  readonly limit: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

interface SortKey {
  readonly dueMs: number;
  readonly taskId: string;
}

const compareKeys = (a: SortKey, b: SortKey) => a.dueMs - b.dueMs || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);

/** An opaque cursor: the sort key of the last item of a page. */
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify([key.dueMs, key.taskId]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): SortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      return { dueMs: Number(value[0]), taskId: value[1] };
    }
  } catch {
    // answered below as a bad cursor
  }
  throw new BackboneError('invalid_input', 'the cursor is not one this API gave out', {
    rule: 'cursor-from-previous-page',
    issues: [{ path: 'query.cursor', message: 'not a cursor from a previous page' }],
  });
}

function toItem(summary: TaskSummary, department: string): InboxItem | undefined {
  const role = roleOf(summary, department);
  if (!role) return undefined;
  return {
    taskId: summary.taskId,
    title: summary.title,
    field: summary.field,
    role,
    accepted: summary.accepted.includes(department),
    status: summary.status,
    progress: summary.progress,
    dueDate: summary.dueDate,
    overdue: summary.overdue && isOpen(summary),
    escalated: summary.escalated && isOpen(summary),
    blocked: isOpen(summary) ? (summary.blocked ?? null) : null,
    lead: summary.lead ?? null,
    supporting: summary.supporting,
    declinedBy: summary.declinedBy,
    version: summary.version,
  };
}

/** A department's inbox: every task it leads or supports, filtered, sorted by due date then id, one page. */
export async function departmentInbox(reader: ViewReader, department: string, query: InboxQuery): Promise<InboxPage> {
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw new BackboneError('invalid_input', 'page with either cursor or offset, not both', {
      rule: 'cursor-or-offset',
      issues: [{ path: 'query.offset', message: 'not allowed together with cursor' }],
    });
  }
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const ids = await reader.members(inboxSet(department));
  const summaries = await reader.getMany<TaskSummary>(INBOX_TASKS, ids);
  const matching = summaries
    .flatMap((summary) => (summary ? [toItem(summary, department)] : []))
    .filter((item): item is InboxItem => item !== undefined)
    .filter((item) => query.status === undefined || item.status === query.status)
    .filter((item) => query.field === undefined || item.field === query.field)
    .filter((item) => query.overdue === undefined || item.overdue === query.overdue)
    .map((item) => ({ item, key: { dueMs: Date.parse(item.dueDate), taskId: item.taskId } }))
    .sort((a, b) => compareKeys(a.key, b.key));
  const start = after ? matching.findIndex(({ key }) => compareKeys(key, after) > 0) : (query.offset ?? 0);
  const page = start < 0 ? [] : matching.slice(start, start + query.limit);
  const last = page.at(-1);
  const more = start >= 0 && start + query.limit < matching.length;
  return {
    department,
    items: page.map(({ item }) => item),
    total: matching.length,
    limit: query.limit,
    nextCursor: more && last ? encodeCursor(last.key) : null,
  };
}
