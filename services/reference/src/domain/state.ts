import type { ReferenceEvent } from '@backbone/contracts';

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly nameZh?: string;
  readonly coordinating: boolean;
  readonly placeholder: boolean;
}

export interface Field {
  readonly id: string;
  readonly name: string;
  readonly nameZh?: string;
  readonly placeholder: boolean;
}

/** The directory: every department and key field, in registration order. */
export interface DirectoryState {
  readonly departments: ReadonlyMap<string, Department>;
  readonly fields: ReadonlyMap<string, Field>;
  readonly coordinating?: string;
}

/** The aggregate id of the one directory stream. */
export const DIRECTORY_ID = 'directory';

export const initialDirectoryState = (): DirectoryState => ({ departments: new Map(), fields: new Map() });

/** Whether nothing has been registered yet (the stream is empty). */
export const isEmptyDirectory = (state: DirectoryState): boolean =>
  state.departments.size === 0 && state.fields.size === 0;

function withEntry<T>(map: ReadonlyMap<string, T>, id: string, entry: T): ReadonlyMap<string, T> {
  return new Map(map).set(id, entry);
}

function changed<T extends { readonly nameZh?: string }>(
  entry: T,
  update: { name?: string; nameZh?: string; placeholder?: boolean },
): T {
  return {
    ...entry,
    ...(update.name === undefined ? {} : { name: update.name }),
    ...(update.nameZh === undefined ? {} : { nameZh: update.nameZh }),
    ...(update.placeholder === undefined ? {} : { placeholder: update.placeholder }),
  };
}

/** Folds one event into the directory. */
export function evolveDirectory(state: DirectoryState, event: ReferenceEvent): DirectoryState {
  switch (event.type) {
    case 'DepartmentRegistered': {
      const { departmentId: id, name, nameZh, coordinating, placeholder } = event.data;
      const department: Department = { id, name, ...(nameZh === undefined ? {} : { nameZh }), coordinating, placeholder };
      return {
        ...state,
        departments: withEntry(state.departments, id, department),
        ...(coordinating ? { coordinating: id } : {}),
      };
    }
    case 'DepartmentUpdated': {
      const current = state.departments.get(event.data.departmentId);
      if (!current) return state;
      return { ...state, departments: withEntry(state.departments, current.id, changed(current, event.data)) };
    }
    case 'FieldRegistered': {
      const { fieldId: id, name, nameZh, placeholder } = event.data;
      const field: Field = { id, name, ...(nameZh === undefined ? {} : { nameZh }), placeholder };
      return { ...state, fields: withEntry(state.fields, id, field) };
    }
    case 'FieldUpdated': {
      const current = state.fields.get(event.data.fieldId);
      if (!current) return state;
      return { ...state, fields: withEntry(state.fields, current.id, changed(current, event.data)) };
    }
  }
}

/** The departments as `GET /api/reference/departments` lists them, in registration order. */
export const listDepartments = (state: DirectoryState): Department[] => [...state.departments.values()];

/** The key fields as `GET /api/reference/fields` lists them, in registration order. */
export const listFields = (state: DirectoryState): Field[] => [...state.fields.values()];
