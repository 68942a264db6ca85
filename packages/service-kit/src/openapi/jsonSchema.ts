import { z } from 'zod';

/** A JSON Schema (2020-12) as embedded in an OpenAPI 3.1 document. */
export type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema without its `$schema` marker; unrepresentable parts become `{}`. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths (`$`, `$.assignee`, …) of objects in a JSON Schema that accept unknown properties. */
export function openObjectPaths(schema: JsonSchema): string[] {
  const open: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (!isSchema(node)) return;
    if (isSchema(node['properties']) && node['additionalProperties'] !== false) open.push(path);
    if (isSchema(node['properties'])) {
      for (const [key, child] of Object.entries(node['properties'])) visit(child, `${path}.${key}`);
    }
    visit(node['items'], `${path}[]`);
    visit(node['additionalProperties'], `${path}{}`);
    for (const keyword of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      const branches = node[keyword];
      if (Array.isArray(branches)) branches.forEach((branch, index) => visit(branch, `${path}<${keyword}[${index}]>`));
    }
    if (isSchema(node['$defs'])) {
      for (const [key, child] of Object.entries(node['$defs'])) visit(child, `$defs.${key}`);
    }
  };
  visit(schema, '$');
  return open;
}
