/** What the talent service knows of the reference directory when it decides. */
export interface TalentDirectory {
  readonly coordinating: string;
  readonly departments: ReadonlySet<string>;
  readonly fields: ReadonlySet<string>;
}

/** Builds a directory from the ids the reference context published. */
export function createTalentDirectory(options: {
  coordinating: string;
  departments: Iterable<string>;
  fields: Iterable<string>;
}): TalentDirectory {
  return { coordinating: options.coordinating, departments: new Set(options.departments), fields: new Set(options.fields) };
}
