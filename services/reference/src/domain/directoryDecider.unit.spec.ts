import { describe, expect, it } from 'vitest';
import type { ReferenceEvent } from '@backbone/contracts';
import { referenceEvents } from '@backbone/contracts';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { SYSTEM_ACTOR } from './commands.ts';
import type { DepartmentSeed, DirectorySeed, ReferenceCommand } from './commands.ts';
import { directoryDecider } from './directoryDecider.ts';
import { listDepartments, listFields } from './state.ts';

const spec = DeciderSpecification.for(directoryDecider);
const COORDINATING = 'social-work';
const CIVIL_AFFAIRS = 'civil-affairs';

const socialWork: DepartmentSeed = {
  id: COORDINATING,
  name: 'Social Work Department',
  nameZh: '市委社会工作部',
  coordinating: true,
  placeholder: false,
};
const civilAffairs: DepartmentSeed = { id: CIVIL_AFFAIRS, name: 'Civil Affairs Bureau', coordinating: false, placeholder: false };
const department4: DepartmentSeed = { id: 'department-4', name: 'Department 4 (placeholder)', coordinating: false, placeholder: true };
const seed: DirectorySeed = {
  departments: [socialWork, civilAffairs, department4],
  fields: [
    { id: 'new-employment-groups', name: 'New employment groups', placeholder: false },
    { id: 'field-4', name: 'Key field 4 (placeholder)', placeholder: true },
  ],
};

const departmentRegistered = ({ id, ...rest }: DepartmentSeed): ReferenceEvent => ({
  type: 'DepartmentRegistered',
  data: { departmentId: id, ...rest },
});
const seeded: ReferenceEvent[] = [
  departmentRegistered(socialWork),
  departmentRegistered(civilAffairs),
  departmentRegistered(department4),
  { type: 'FieldRegistered', data: { fieldId: 'new-employment-groups', name: 'New employment groups', placeholder: false } },
  { type: 'FieldRegistered', data: { fieldId: 'field-4', name: 'Key field 4 (placeholder)', placeholder: true } },
];

const seedBy = (actor: string, data: DirectorySeed = seed): ReferenceCommand => ({ type: 'seedDirectory', actor, data });
const seedWithDepartments = (...departments: DepartmentSeed[]) => seedBy(SYSTEM_ACTOR, { ...seed, departments });
const registerDepartment = (
  actor: string,
  departmentId: string,
  extra: { coordinating?: boolean; name?: string } = {},
): ReferenceCommand => ({
  type: 'registerDepartment',
  actor,
  data: { departmentId, name: 'Education Bureau', placeholder: false, ...extra },
});
const updateDepartment = (
  data: { departmentId?: string; name?: string; nameZh?: string; placeholder?: boolean },
  actor = COORDINATING,
): ReferenceCommand => ({ type: 'updateDepartment', actor, data: { departmentId: 'department-4', ...data } });
const registerField = (fieldId: string, actor = COORDINATING): ReferenceCommand => ({
  type: 'registerField',
  actor,
  data: { fieldId, name: 'Elderly care', placeholder: false },
});
const updateField = (data: { fieldId: string; name?: string; placeholder?: boolean }): ReferenceCommand => ({
  type: 'updateField',
  actor: COORDINATING,
  data,
});

describe('seeding the directory', () => {
  it('registers every department and field of the config when the stream is empty', () => {
    spec.given([]).when(seedBy(SYSTEM_ACTOR)).then(seeded);
  });
  it('only once (directory-already-seeded)', () => {
    spec.given(seeded).when(seedBy(SYSTEM_ACTOR)).thenThrows('directory-already-seeded');
  });
  it('only by the system (only-system-seeds-directory, 403)', () => {
    spec.given([]).when(seedBy(COORDINATING)).thenThrows('only-system-seeds-directory');
    spec.given([]).when(seedBy(COORDINATING)).thenThrowsCode('forbidden');
  });
  it('with exactly one coordinating department (exactly-one-coordinating-department, 400)', () => {
    const notCoordinating = { ...socialWork, coordinating: false };
    const alsoCoordinating = { ...civilAffairs, coordinating: true };
    spec.given([]).when(seedWithDepartments(notCoordinating, civilAffairs)).thenThrows('exactly-one-coordinating-department');
    spec.given([]).when(seedWithDepartments(socialWork, alsoCoordinating)).thenThrowsCode('invalid_input');
  });
  it('with unique ids (ids-must-be-unique)', () => {
    spec.given([]).when(seedWithDepartments(socialWork, civilAffairs, civilAffairs)).thenThrows('ids-must-be-unique');
    const fields = [...seed.fields, { id: 'field-4', name: 'again', placeholder: true }];
    spec.given([]).when(seedBy(SYSTEM_ACTOR, { ...seed, fields })).thenThrows('ids-must-be-unique');
  });
  it('with kebab-case ids, never the reserved "system" (id-must-be-kebab-case, reserved-department-id)', () => {
    spec.given([]).when(seedWithDepartments(socialWork, { ...civilAffairs, id: 'Civil_Affairs' })).thenThrows('id-must-be-kebab-case');
    spec.given([]).when(seedWithDepartments(socialWork, { ...civilAffairs, id: SYSTEM_ACTOR })).thenThrows('reserved-department-id');
  });
  it('with names (name-required)', () => {
    const fields = [{ id: 'f', name: ' ', placeholder: false }];
    spec.given([]).when(seedBy(SYSTEM_ACTOR, { ...seed, fields })).thenThrows('name-required');
  });
  it('writes events that match their published schemas', () => {
    for (const event of seeded) expect(referenceEvents[event.type].schema.safeParse(event.data).success).toBe(true);
  });
});

describe('changing the directory', () => {
  it('the coordinating department registers a department, never a second coordinating one', () => {
    const education = { id: 'education', name: 'Education Bureau', coordinating: false, placeholder: false };
    spec.given(seeded).when(registerDepartment(COORDINATING, 'education')).then([departmentRegistered(education)]);
    spec
      .given(seeded)
      .when(registerDepartment(COORDINATING, 'education', { coordinating: true }))
      .thenThrows('exactly-one-coordinating-department');
  });
  it('only the coordinating department changes it (only-coordinating-changes-directory, 403)', () => {
    spec.given(seeded).when(registerDepartment(CIVIL_AFFAIRS, 'education')).thenThrows('only-coordinating-changes-directory');
    spec.given(seeded).when(registerDepartment(SYSTEM_ACTOR, 'education')).thenThrowsCode('forbidden');
    spec.given(seeded).when(updateDepartment({ departmentId: CIVIL_AFFAIRS, name: 'x' }, CIVIL_AFFAIRS)).thenThrowsCode('forbidden');
    spec.given(seeded).when(registerField('elderly-care', CIVIL_AFFAIRS)).thenThrows('only-coordinating-changes-directory');
  });
  it('not before it is seeded (directory-not-seeded)', () => {
    spec.given([]).when(registerDepartment(COORDINATING, 'education')).thenThrows('directory-not-seeded');
  });
  it('refuses a duplicate, a bad id, the reserved id and a blank name', () => {
    spec.given(seeded).when(registerDepartment(COORDINATING, CIVIL_AFFAIRS)).thenThrows('department-already-registered');
    spec.given(seeded).when(registerDepartment(COORDINATING, 'Education Bureau')).thenThrows('id-must-be-kebab-case');
    spec.given(seeded).when(registerDepartment(COORDINATING, SYSTEM_ACTOR)).thenThrows('reserved-department-id');
    spec.given(seeded).when(registerDepartment(COORDINATING, 'education', { name: '' })).thenThrows('name-required');
  });
  it('updates a department, writing only what changed', () => {
    spec
      .given(seeded)
      .when(updateDepartment({ name: 'Education Bureau', nameZh: '市教育和体育局', placeholder: false }))
      .then([
        {
          type: 'DepartmentUpdated',
          data: { departmentId: 'department-4', name: 'Education Bureau', nameZh: '市教育和体育局', placeholder: false },
        },
      ]);
    spec
      .given(seeded)
      .when(updateDepartment({ name: 'Department 4 (placeholder)', placeholder: false }))
      .then([{ type: 'DepartmentUpdated', data: { departmentId: 'department-4', placeholder: false } }]);
  });
  it('an update that changes nothing writes nothing; one that names nothing is refused (nothing-to-update)', () => {
    spec.given(seeded).when(updateDepartment({ placeholder: true })).then([]);
    spec.given(seeded).when(updateDepartment({})).thenThrows('nothing-to-update');
  });
  it('refuses to update a department that does not exist (department-not-found, 404)', () => {
    spec.given(seeded).when(updateDepartment({ departmentId: 'nowhere', name: 'x' })).thenThrows('department-not-found');
    spec.given(seeded).when(updateDepartment({ departmentId: 'nowhere', name: 'x' })).thenThrowsCode('not_found');
  });
  it('registers and updates key fields', () => {
    spec
      .given(seeded)
      .when(registerField('elderly-care'))
      .then([{ type: 'FieldRegistered', data: { fieldId: 'elderly-care', name: 'Elderly care', placeholder: false } }]);
    spec
      .given(seeded)
      .when(updateField({ fieldId: 'field-4', name: 'Elderly care', placeholder: false }))
      .then([{ type: 'FieldUpdated', data: { fieldId: 'field-4', name: 'Elderly care', placeholder: false } }]);
  });
  it('refuses a duplicate field, an unknown one, and an empty update', () => {
    spec.given(seeded).when(registerField('field-4')).thenThrows('field-already-registered');
    spec.given(seeded).when(registerField('Elderly Care')).thenThrows('id-must-be-kebab-case');
    spec.given(seeded).when(updateField({ fieldId: 'nowhere', name: 'x' })).thenThrows('field-not-found');
    spec.given(seeded).when(updateField({ fieldId: 'field-4' })).thenThrows('nothing-to-update');
  });
});

describe('the directory state', () => {
  it('lists departments and fields in registration order with their latest attributes', () => {
    const events: ReferenceEvent[] = [
      ...seeded,
      { type: 'DepartmentUpdated', data: { departmentId: 'department-4', name: 'Education Bureau', placeholder: false } },
      { type: 'FieldUpdated', data: { fieldId: 'field-4', nameZh: '养老服务' } },
    ];
    const state = events.reduce(directoryDecider.evolve, directoryDecider.initialState());
    expect(state.coordinating).toBe(COORDINATING);
    expect(listDepartments(state).map((d) => [d.id, d.name, d.coordinating, d.placeholder])).toEqual([
      [COORDINATING, 'Social Work Department', true, false],
      [CIVIL_AFFAIRS, 'Civil Affairs Bureau', false, false],
      ['department-4', 'Education Bureau', false, false],
    ]);
    expect(listFields(state)[1]).toEqual({ id: 'field-4', name: 'Key field 4 (placeholder)', nameZh: '养老服务', placeholder: true });
  });
});
