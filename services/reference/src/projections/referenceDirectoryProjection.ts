import { allEventDefinitions, contextTopic, createEventRegistry, readContextEvent, referenceEvents } from '@backbone/contracts';
import type { Envelope, EventRegistry, ReferenceEvent } from '@backbone/contracts';
import type { Projection, ViewReader, ViewWrite } from '@backbone/views';
import type { Department, Field } from '../domain/index.ts';

/** The projection's name: its consumer group is `projection.reference-directory`. */
export const REFERENCE_DIRECTORY = 'reference-directory';
const DEPARTMENTS = 'departments';
const FIELDS = 'fields';

// `order` is the registration's place in the directory stream: the view store lists by id.
type DepartmentDocument = Department & { readonly order: number };
type FieldDocument = Field & { readonly order: number };

/** A context's local copy of the reference directory, built from the reference events. */
export interface DirectoryCopy {
  readonly coordinating: string;
  /** In registration order. */
  readonly departments: readonly Department[];
  /** In registration order. */
  readonly fields: readonly Field[];
}

export interface ReferenceDirectoryProjectionOptions {
  /** Reads (upcasts and validates) the events; default: every published definition. */
  readonly registry?: EventRegistry;
}

/**
 * Keeps one document per department and per key field from `backbone.reference.v1`, so that
 * other contexts hold the directory without asking the reference service.
 */
export function referenceDirectoryProjection(options: ReferenceDirectoryProjectionOptions = {}): Projection {
  const registry = options.registry ?? createEventRegistry(allEventDefinitions);
  return {
    name: REFERENCE_DIRECTORY,
    topics: [contextTopic('reference')],
    async project(envelope, view): Promise<ViewWrite[]> {
      const event = referenceEventOf(registry, envelope);
      if (!event) return [];
      const order = envelope.streamversion;
      switch (event.type) {
        case 'DepartmentRegistered': {
          const { departmentId: id, name, nameZh, coordinating, placeholder } = event.data;
          const doc: DepartmentDocument = { id, name, ...optional(nameZh), coordinating, placeholder, order };
          return [{ op: 'put', collection: DEPARTMENTS, id, doc }];
        }
        case 'DepartmentUpdated': {
          const before = await view.get<DepartmentDocument>(DEPARTMENTS, event.data.departmentId);
          return before ? [{ op: 'put', collection: DEPARTMENTS, id: before.id, doc: withChanges(before, event.data) }] : [];
        }
        case 'FieldRegistered': {
          const { fieldId: id, name, nameZh, placeholder } = event.data;
          const doc: FieldDocument = { id, name, ...optional(nameZh), placeholder, order };
          return [{ op: 'put', collection: FIELDS, id, doc }];
        }
        case 'FieldUpdated': {
          const before = await view.get<FieldDocument>(FIELDS, event.data.fieldId);
          return before ? [{ op: 'put', collection: FIELDS, id: before.id, doc: withChanges(before, event.data) }] : [];
        }
      }
    },
  };
}

/** The directory as the projection holds it, or undefined while it has not been seeded. */
export async function readDirectory(reader: ViewReader): Promise<DirectoryCopy | undefined> {
  const [departments, fields] = await Promise.all([
    reader.all<DepartmentDocument>(DEPARTMENTS),
    reader.all<FieldDocument>(FIELDS),
  ]);
  const coordinating = departments.find((d) => d.coordinating)?.id;
  if (coordinating === undefined) return undefined;
  return { coordinating, departments: inOrder(departments), fields: inOrder(fields) };
}

function inOrder<T extends { readonly order: number }>(docs: readonly T[]): Omit<T, 'order'>[] {
  return [...docs].sort((a, b) => a.order - b.order).map(({ order: _order, ...entry }) => entry);
}

const optional = (nameZh: string | undefined) => (nameZh === undefined ? {} : { nameZh });

function withChanges<T extends { readonly nameZh?: string }>(
  entry: T,
  update: { readonly name?: string; readonly nameZh?: string; readonly placeholder?: boolean },
): T {
  return {
    ...entry,
    ...(update.name === undefined ? {} : { name: update.name }),
    ...optional(update.nameZh),
    ...(update.placeholder === undefined ? {} : { placeholder: update.placeholder }),
  };
}

/** The reference event an envelope carries; undefined for others and for unknown types. */
const referenceEventOf = (registry: EventRegistry, envelope: Envelope): ReferenceEvent | undefined =>
  readContextEvent<ReferenceEvent>(registry, envelope, 'reference', referenceEvents);
