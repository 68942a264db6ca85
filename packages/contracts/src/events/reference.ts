import { z } from 'zod';
import { defineEvent } from '../eventType.ts';
import type { DomainEvent, EventData } from '../eventType.ts';

/** Department and field ids are kebab-case slugs, e.g. `social-work`, `new-employment-groups`. */
export const REFERENCE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A department id: a kebab-case slug (the directory refuses the reserved `system`). */
export const DepartmentId = z.string().max(64).regex(REFERENCE_ID_PATTERN);
/** A key field id: a kebab-case slug. */
export const FieldId = z.string().max(64).regex(REFERENCE_ID_PATTERN);

const DisplayName = z.string().trim().min(1).max(200);

/** A department joined the directory. Exactly one department is ever the coordinating one. */
export const DepartmentRegistered = defineEvent(
  'reference',
  'DepartmentRegistered',
  1,
  z.strictObject({
    departmentId: DepartmentId,
    name: DisplayName,
    /** The official Chinese name, when known. */
    nameZh: DisplayName.optional(),
    coordinating: z.boolean(),
    /** True while the plan does not name the department yet. */
    placeholder: z.boolean(),
  }),
);

/** A department's name or placeholder mark changed; only the changed attributes are present. */
export const DepartmentUpdated = defineEvent(
  'reference',
  'DepartmentUpdated',
  1,
  z.strictObject({
    departmentId: DepartmentId,
    name: DisplayName.optional(),
    nameZh: DisplayName.optional(),
    placeholder: z.boolean().optional(),
  }),
);

/** A key field (重点领域) joined the directory. */
export const FieldRegistered = defineEvent(
  'reference',
  'FieldRegistered',
  1,
  z.strictObject({
    fieldId: FieldId,
    name: DisplayName,
    nameZh: DisplayName.optional(),
    placeholder: z.boolean(),
  }),
);

/** A key field's name or placeholder mark changed; only the changed attributes are present. */
export const FieldUpdated = defineEvent(
  'reference',
  'FieldUpdated',
  1,
  z.strictObject({
    fieldId: FieldId,
    name: DisplayName.optional(),
    nameZh: DisplayName.optional(),
    placeholder: z.boolean().optional(),
  }),
);

/** Every event of the reference directory, by name. */
export const referenceEvents = {
  DepartmentRegistered,
  DepartmentUpdated,
  FieldRegistered,
  FieldUpdated,
} as const;

/** The name of a reference event. */
export type ReferenceEventName = keyof typeof referenceEvents;

/** A reference event as the directory decider produces it. */
export type ReferenceEvent = {
  [K in ReferenceEventName]: DomainEvent<K, EventData<(typeof referenceEvents)[K]>>;
}[ReferenceEventName];
