import { get, withQuery } from './api';
import type { Page, RubricListItem, User } from './types';

// Listings the app needs whole (choices in a select, a chart's points), read page by page
// with the API's cursors up to a bound that keeps one screen's work small.

export async function allPages<T>(path: string, query: Record<string, string | undefined> = {}, maxItems = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<Page<T>>(withQuery(path, { ...query, cursor, limit: 100 }));
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && items.length < maxItems);
  return items;
}

/** Rubrics that gradings can use: those with an approved version. */
export async function gradableRubrics(): Promise<RubricListItem[]> {
  const rubrics = await allPages<RubricListItem>('/rubrics');
  return rubrics.filter((r) => r.latest_approved_version !== null);
}

/** A student of the institution by email (exact, case-insensitive), or undefined. */
export async function studentByEmail(email: string): Promise<User | undefined> {
  const wanted = email.trim().toLowerCase();
  const page = await get<Page<User>>(withQuery('/users', { q: wanted, role: 'student', limit: 100 }));
  return page.items.find((u) => u.email.toLowerCase() === wanted);
}
