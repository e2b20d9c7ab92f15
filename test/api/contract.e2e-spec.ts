import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODE_LIST } from '../../apps/api/src/common/error-codes';
import { buildOpenApiDocument } from '../../apps/api/src/openapi-document';
import { ADMIN, bootApp, TestContext } from '../support/app';
import { candidateLogin, createSession, ExamWorld, HandItem, seedHandWorld, signIn } from '../support/exam-factories';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
};

const ITEMS: HandItem[] = [
  {
    type: 'judge',
    stem: '安全电压的最高等级为 42 V。',
    answer: true,
    points: 40,
    explanation: '42 V 是安全电压的最高等级',
  },
  {
    type: 'single',
    stem: '我国交流电的频率为（　　）Hz。',
    options: ['60', '50', '100', '25'],
    answer: 'B',
    points: 60,
  },
];

/**
 * Where `value` departs from `schema`: a missing required property, a property the schema does not declare, a wrong
 * type or a value outside an enum. Enough of JSON Schema for what the document builder writes.
 */
function mismatches(doc: OpenAPIObject, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref)
    return mismatches(
      doc,
      (doc.components!.schemas as Record<string, Schema>)[schema.$ref.split('/').pop()!],
      value,
      path,
    );
  if (value === null) return schema.nullable ? [] : [`${path} is null`];
  if (schema.allOf) return schema.allOf.flatMap((s) => mismatches(doc, s, value, path));
  if (schema.oneOf)
    return schema.oneOf.some((s) => mismatches(doc, s, value, path).length === 0) ? [] : [`${path} fits none of oneOf`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path} = ${JSON.stringify(value)} is not in the enum`];
  switch (schema.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${path} is not a ${schema.type}`];
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((v, i) => (schema.items ? mismatches(doc, schema.items, v, `${path}[${i}]`) : []))
        : [`${path} is not an array`];
  }
  if (typeof value !== 'object' || Array.isArray(value))
    return schema.type === 'object' || schema.properties ? [`${path} is not an object`] : [];
  const props = schema.properties ?? {};
  const out = (schema.required ?? []).filter((k) => !(k in value)).map((k) => `${path}.${k} is missing`);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (props[k]) out.push(...mismatches(doc, props[k], v, `${path}.${k}`));
    else if (schema.properties && !schema.additionalProperties) out.push(`${path}.${k} is not declared`);
  }
  return out;
}

describe('The OpenAPI contract', () => {
  let ctx: TestContext;
  let doc: OpenAPIObject;
  let world: ExamWorld;

  beforeAll(async () => {
    ctx = await bootApp();
    doc = buildOpenApiDocument(ctx.app);
    world = await seedHandWorld(ctx, ITEMS);
  });
  afterAll(() => ctx.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(
        item as Record<
          string,
          { operationId: string; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
        >,
      ).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );

  /** The schema the document declares for a JSON response of an operation. */
  const responseSchema = (operationId: string, status: number | 'default'): Schema => {
    const found = operations().find((o) => o.op.operationId === operationId);
    const schema = found?.op.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${operationId} declares no JSON body for ${status}`);
    return schema;
  };

  it('declares a response body for every route, except the ones that answer 202 or 204 without one', () => {
    expect(operations().length).toBeGreaterThan(50);
    const undeclared = operations()
      .filter(
        ({ op }) =>
          !Object.entries(op.responses).some(
            ([status, r]) => /^2/.test(status) && (r.content || status === '202' || status === '204'),
          ),
      )
      .map((o) => o.name);
    expect(undeclared).toEqual([]);
  });

  it('gives every route the error body as its default response, with the catalogue as the ErrorCode enum', () => {
    const withoutErrors = operations()
      .filter(
        ({ op }) =>
          op.responses.default?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody',
      )
      .map((o) => o.name);
    expect(withoutErrors).toEqual([]);
    expect((doc.components!.schemas as Record<string, Schema>).ErrorCode.enum).toEqual(ERROR_CODE_LIST);
  });

  it('answers the candidate routes with the bodies it declares, and the attempt items declare no answer field', async () => {
    const s = await createSession(ctx, world);
    const cand = await signIn(ctx, s.candidates[0]);

    const attempt = await cand.get('/exam/attempt').expect(200);
    expect(mismatches(doc, responseSchema('ExamController_attempt', 200), attempt.body)).toEqual([]);
    const item = (doc.components!.schemas as Record<string, Schema>).AttemptItemView;
    expect(Object.keys(item.properties!).sort()).toEqual(['options', 'points', 'position', 'stem', 'type']);

    const ack = await cand
      .put('/exam/attempt/answers/2')
      .send({ answer: 'A', seq: 1, clientTime: new Date().toISOString() })
      .expect(200);
    expect(mismatches(doc, responseSchema('ExamController_save', 200), ack.body)).toEqual([]);
    const again = await cand.get('/exam/attempt').expect(200);
    expect(again.body.answers).toHaveLength(1);
    expect(mismatches(doc, responseSchema('ExamController_attempt', 200), again.body)).toEqual([]);

    const submitted = await cand.post('/exam/attempt/submit').expect(200);
    expect(mismatches(doc, responseSchema('ExamController_submit', 200), submitted.body)).toEqual([]);

    const refused = await candidateLogin(ctx, { ticketNo: s.candidates[1].ticketNo, idNumber: '110105199001011234' });
    expect(refused.status).toBe(401);
    expect(mismatches(doc, responseSchema('ExamController_login', 'default'), refused.body)).toEqual([]);
    expect(refused.body.code).toBe('CANDIDATE_CREDENTIALS_INVALID');
  });

  it('answers staff routes with the bodies it declares', async () => {
    const login = await ctx.http.post('/api/v1/auth/login').send(ADMIN).expect(200);
    expect(mismatches(doc, responseSchema('AuthController_login', 200), login.body)).toEqual([]);
    const admin = await ctx.admin();
    const users = await admin.get('/users').expect(200);
    expect(mismatches(doc, responseSchema('UsersController_list', 200), users.body)).toEqual([]);
    const institutions = await admin.get('/institutions').expect(200);
    expect(mismatches(doc, responseSchema('InstitutionsController_list', 200), institutions.body)).toEqual([]);
    const occupations = await admin.get('/occupations').expect(200);
    expect(mismatches(doc, responseSchema('OccupationsController_list', 200), occupations.body)).toEqual([]);
    const policies = await admin.get('/policies').expect(200);
    expect(mismatches(doc, responseSchema('PoliciesController_list', 200), policies.body)).toEqual([]);
  });

  it('finds a body that departs from its schema', () => {
    const schema = responseSchema('ExamController_save', 200);
    expect(mismatches(doc, schema, { seq: 1, savedAt: 'x', answer: 'B' })).toEqual(['$.answer is not declared']);
    expect(mismatches(doc, schema, { seq: '1' })).toEqual(['$.savedAt is missing', '$.seq is not a number']);
  });
});
