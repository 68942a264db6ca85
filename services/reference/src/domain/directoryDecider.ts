import { BackboneError, forbidden, ruleViolation } from '@backbone/contracts';
import type { ReferenceEvent } from '@backbone/contracts';
import type { Decider } from '@backbone/eventsourcing';
import { SYSTEM_ACTOR } from './commands.ts';
import type { ReferenceCommand, SeedDirectory } from './commands.ts';
import { idProblem, seedProblems } from './seedRules.ts';
import { evolveDirectory, initialDirectoryState, isEmptyDirectory } from './state.ts';
import type { Department, DirectoryState, Field } from './state.ts';

const invalidInput = (rule: string, message: string) => new BackboneError('invalid_input', message, { rule });
const notFound = (rule: string, message: string) => new BackboneError('not_found', message, { rule });

function requireValidId(id: string, kind: 'department' | 'field'): void {
  const problem = idProblem(id, kind);
  if (problem) throw invalidInput(problem.rule, problem.message);
}

function requireName(name: string | undefined): void {
  if (name !== undefined && name.trim().length === 0) throw invalidInput('name-required', 'a name cannot be blank');
}

const optionalName = (nameZh: string | undefined) => (nameZh === undefined ? {} : { nameZh });

function decideSeed(command: SeedDirectory, state: DirectoryState): ReferenceEvent[] {
  if (command.actor !== SYSTEM_ACTOR) {
    throw forbidden('only-system-seeds-directory', 'only the backbone itself seeds the directory from its config');
  }
  if (!isEmptyDirectory(state)) throw ruleViolation('directory-already-seeded', 'the directory already has entries');
  const [problem] = seedProblems(command.data);
  if (problem) throw invalidInput(problem.rule, `${problem.path}: ${problem.message}`);
  for (const entry of [...command.data.departments, ...command.data.fields]) requireName(entry.name);
  return [
    ...command.data.departments.map(({ id, name, nameZh, coordinating, placeholder }): ReferenceEvent => ({
      type: 'DepartmentRegistered',
      data: { departmentId: id, name, ...optionalName(nameZh), coordinating, placeholder },
    })),
    ...command.data.fields.map(({ id, name, nameZh, placeholder }): ReferenceEvent => ({
      type: 'FieldRegistered',
      data: { fieldId: id, name, ...optionalName(nameZh), placeholder },
    })),
  ];
}

/** The attributes of an update that differ from the entry; empty when nothing changes. */
function changes(
  entry: Department | Field,
  update: { name?: string; nameZh?: string; placeholder?: boolean },
): { name?: string; nameZh?: string; placeholder?: boolean } {
  if (update.name === undefined && update.nameZh === undefined && update.placeholder === undefined) {
    throw invalidInput('nothing-to-update', 'name, nameZh or placeholder must be given');
  }
  requireName(update.name);
  requireName(update.nameZh);
  return {
    ...(update.name !== undefined && update.name !== entry.name ? { name: update.name } : {}),
    ...(update.nameZh !== undefined && update.nameZh !== entry.nameZh ? { nameZh: update.nameZh } : {}),
    ...(update.placeholder !== undefined && update.placeholder !== entry.placeholder
      ? { placeholder: update.placeholder }
      : {}),
  };
}

/**
 * Decides a directory command. Only `system` seeds, and only an empty directory; afterwards
 * only the coordinating department changes it. An update that changes nothing writes nothing.
 */
export function decideDirectory(command: ReferenceCommand, state: DirectoryState): ReferenceEvent[] {
  if (command.type === 'seedDirectory') return decideSeed(command, state);
  if (state.coordinating === undefined) {
    throw ruleViolation('directory-not-seeded', 'the directory has not been seeded from its config yet');
  }
  if (command.actor !== state.coordinating) {
    throw forbidden('only-coordinating-changes-directory', 'only the coordinating department changes the directory');
  }
  switch (command.type) {
    case 'registerDepartment': {
      const { departmentId, name, nameZh, placeholder, coordinating } = command.data;
      requireValidId(departmentId, 'department');
      requireName(name);
      requireName(nameZh);
      if (coordinating === true) {
        throw ruleViolation('exactly-one-coordinating-department', `${state.coordinating} is already coordinating`);
      }
      if (state.departments.has(departmentId)) {
        throw ruleViolation('department-already-registered', `department ${departmentId} already exists`);
      }
      const data = { departmentId, name, ...optionalName(nameZh), coordinating: false, placeholder };
      return [{ type: 'DepartmentRegistered', data }];
    }
    case 'updateDepartment': {
      const current = state.departments.get(command.data.departmentId);
      if (!current) throw notFound('department-not-found', `no department ${command.data.departmentId}`);
      const diff = changes(current, command.data);
      if (Object.keys(diff).length === 0) return [];
      return [{ type: 'DepartmentUpdated', data: { departmentId: current.id, ...diff } }];
    }
    case 'registerField': {
      const { fieldId, name, nameZh, placeholder } = command.data;
      requireValidId(fieldId, 'field');
      requireName(name);
      requireName(nameZh);
      if (state.fields.has(fieldId)) throw ruleViolation('field-already-registered', `field ${fieldId} already exists`);
      return [{ type: 'FieldRegistered', data: { fieldId, name, ...optionalName(nameZh), placeholder } }];
    }
    case 'updateField': {
      const current = state.fields.get(command.data.fieldId);
      if (!current) throw notFound('field-not-found', `no field ${command.data.fieldId}`);
      const diff = changes(current, command.data);
      if (Object.keys(diff).length === 0) return [];
      return [{ type: 'FieldUpdated', data: { fieldId: current.id, ...diff } }];
    }
  }
}

/** The decider of the one directory stream (departments and key fields). */
export const directoryDecider: Decider<ReferenceCommand, DirectoryState, ReferenceEvent> = {
  initialState: initialDirectoryState,
  decide: decideDirectory,
  evolve: evolveDirectory,
};
