import { RouteConfig } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';

const MARK = 'compiledResponse';

/**
 * Marks a hot route whose success bodies Fastify should serialise with a compiled serialiser (fast-json-stringify)
 * instead of `JSON.stringify`. The serialiser's schema is the route's own OpenAPI response schema (its
 * `@ApiOkResponse({ type: SomeView })` DTO), so the DTO stays the one definition; and the serialiser writes only the
 * properties the DTO names, whatever else the handler's object carries.
 */
export const CompiledResponse = (): MethodDecorator => RouteConfig({ [MARK]: true });

type Node = Record<string, unknown>;

/**
 * Before the controllers' routes are registered: every route marked {@link CompiledResponse} gets, as its Fastify
 * response schema for each 2xx status, the JSON schema of that status's `application/json` body in `document`
 * (references inlined, OpenAPI's `nullable` written as a `null` type). A marked route without one stops the boot.
 */
export function useCompiledResponses(fastify: FastifyInstance, document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Node>;
  fastify.addHook('onRoute', (route) => {
    if (!(route.config as Record<string, unknown> | undefined)?.[MARK] || typeof route.method !== 'string') return;
    if (route.method === 'HEAD') return;
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = (document.paths[path] as Record<string, Node> | undefined)?.[route.method.toLowerCase()];
    const responses = Object.entries((operation?.responses ?? {}) as Record<string, Node>).filter(([status]) =>
      /^2\d\d$/.test(status),
    );
    const response: Record<string, unknown> = {};
    for (const [status, r] of responses) {
      const schema = (r.content as Record<string, { schema?: Node }> | undefined)?.['application/json']?.schema;
      if (schema) response[status] = toJsonSchema(schema, schemas, []);
    }
    if (Object.keys(response).length === 0)
      throw new Error(`${route.method} ${route.url} is marked @CompiledResponse but documents no JSON success body`);
    route.schema = { ...route.schema, response };
  });
}

/** An OpenAPI 3.0 schema object as the JSON schema fast-json-stringify reads. */
export function toJsonSchema(node: Node, schemas: Record<string, Node>, path: string[]): Node {
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (path.includes(name)) throw new Error(`Recursive response schema ${[...path, name].join(' > ')}`);
    const target = schemas[name];
    if (!target) throw new Error(`Unknown schema ${node.$ref}`);
    return toJsonSchema(target, schemas, [...path, name]);
  }
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    if (key === 'properties')
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Node>).map(([name, p]) => [name, toJsonSchema(p, schemas, path)]),
      );
    else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object')
      out[key] = toJsonSchema(value as Node, schemas, path);
    else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf')
      out[key] = (value as Node[]).map((v) => toJsonSchema(v, schemas, path));
    else out[key] = value;
  }
  // A property given as `allOf: [ref]` (how a description sits next to a reference) is that reference.
  if (Array.isArray(out.allOf) && out.allOf.length === 1) {
    const [only] = out.allOf as Node[];
    delete out.allOf;
    Object.assign(out, only, out.description === undefined ? {} : { description: out.description });
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.oneOf)) out.oneOf = [...(out.oneOf as Node[]), { type: 'null' }];
    else if (Array.isArray(out.anyOf)) out.anyOf = [...(out.anyOf as Node[]), { type: 'null' }];
  }
  return out;
}
