import { BackboneError } from '@backbone/contracts';

/** A department as the board lists it; exactly one is the coordinating department. */
export interface DirectoryDepartment {
  readonly id: string;
  readonly name: string;
  readonly coordinating?: boolean;
}

/** A key field as the board lists it. */
export interface DirectoryField {
  readonly id: string;
  readonly name: string;
}

/** The departments and key fields the board shows a row for, tasks or not. */
export interface BoardDirectoryEntries {
  /** The coordinating department's id (or mark it with `coordinating: true` in `departments`). */
  readonly coordinating?: string;
  readonly departments: readonly DirectoryDepartment[];
  readonly fields: readonly DirectoryField[];
}

/**
 * Reads the current directory (the composition root supplies it from the reference
 * context's projection); called on every request and scrape, so it may change at run time.
 */
export type BoardDirectory = () => Promise<BoardDirectoryEntries>;

/** The coordinating department's id, if the directory names one. */
export function coordinatingDepartment(entries: BoardDirectoryEntries): string | undefined {
  return entries.coordinating ?? entries.departments.find((d) => d.coordinating === true)?.id;
}

/** The department, or a 404 `department-not-found`. */
export function requireDepartment(entries: BoardDirectoryEntries, id: string): DirectoryDepartment {
  const department = entries.departments.find((d) => d.id === id);
  if (!department) throw new BackboneError('not_found', `department ${id} is not in the directory`, { rule: 'department-not-found' });
  return department;
}

/** The field, or a 404 `field-not-found`. */
export function requireField(entries: BoardDirectoryEntries, id: string): DirectoryField {
  const field = entries.fields.find((f) => f.id === id);
  if (!field) throw new BackboneError('not_found', `field ${id} is not in the directory`, { rule: 'field-not-found' });
  return field;
}
