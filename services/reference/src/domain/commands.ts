import { z } from 'zod';
import { DepartmentId, FieldId } from '@backbone/contracts';

// Request bodies for /api/reference. The acting department comes from the credential; the id
// of the entry to update comes from the path.

const Name = z.string().trim().min(1).max(200);

/** POST /api/reference/departments. A new department is never the coordinating one. */
export const RegisterDepartmentBody = z.strictObject({
  departmentId: DepartmentId,
  name: Name,
  nameZh: Name.optional(),
  placeholder: z.boolean().default(false),
  /** Accepted only so that `true` is refused with the rule's name rather than as an unknown key. */
  coordinating: z.boolean().optional(),
});
/** PATCH /api/reference/departments/{id} */
export const UpdateDepartmentBody = z.strictObject({
  name: Name.optional(),
  nameZh: Name.optional(),
  placeholder: z.boolean().optional(),
});
/** POST /api/reference/fields */
export const RegisterFieldBody = z.strictObject({
  fieldId: FieldId,
  name: Name,
  nameZh: Name.optional(),
  placeholder: z.boolean().default(false),
});
/** PATCH /api/reference/fields/{id} */
export const UpdateFieldBody = z.strictObject({
  name: Name.optional(),
  nameZh: Name.optional(),
  placeholder: z.boolean().optional(),
});

export interface DepartmentSeed {
  readonly id: string;
  readonly name: string;
  readonly nameZh?: string;
  readonly coordinating: boolean;
  readonly placeholder: boolean;
}

export interface FieldSeed {
  readonly id: string;
  readonly name: string;
  readonly nameZh?: string;
  readonly placeholder: boolean;
}

/** The first content of the directory, from config/reference.json. */
export interface DirectorySeed {
  readonly departments: readonly DepartmentSeed[];
  readonly fields: readonly FieldSeed[];
}

/** The actor of the initial seeding. Reserved: no department may take this id. */
export const SYSTEM_ACTOR = 'system';

type Command<TType extends string, TData> = {
  readonly type: TType;
  /** The department id from the credential, or `system` for the seeding. */
  readonly actor: string;
  readonly data: TData;
};

export type SeedDirectory = Command<'seedDirectory', DirectorySeed>;
export type RegisterDepartment = Command<'registerDepartment', z.output<typeof RegisterDepartmentBody>>;
export type UpdateDepartment = Command<
  'updateDepartment',
  z.output<typeof UpdateDepartmentBody> & { readonly departmentId: string }
>;
export type RegisterField = Command<'registerField', z.output<typeof RegisterFieldBody>>;
export type UpdateField = Command<'updateField', z.output<typeof UpdateFieldBody> & { readonly fieldId: string }>;

/** Every command of the reference directory. */
export type ReferenceCommand = SeedDirectory | RegisterDepartment | UpdateDepartment | RegisterField | UpdateField;
export type ReferenceCommandType = ReferenceCommand['type'];
