import 'reflect-metadata';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { AttemptView } from '../modules/exam/dto/attempt.response';
import { CompiledResponse, toJsonSchema, useCompiledResponses } from './compiled-response';

class OptionView {
  @ApiProperty() key!: string;
}

class ItemView {
  @ApiProperty() position!: number;
  @ApiProperty({ type: [OptionView] }) options!: OptionView[];
  @ApiProperty({ nullable: true, oneOf: [{ type: 'boolean' }, { type: 'string' }] }) answer!: boolean | string | null;
}

class BodyView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: ItemView, description: 'the item' }) item!: ItemView;
  @ApiPropertyOptional({ type: OptionView }) extra?: OptionView;
}

const BODY = {
  id: 'a',
  item: { position: 1, options: [{ key: 'B', correct: true }], answer: null, key: 'secret' },
  internal: 'never sent',
};

@Controller('t')
class TestController {
  @Get('compiled')
  @ApiOkResponse({ type: BodyView })
  @CompiledResponse()
  compiled() {
    return BODY;
  }

  @Get('plain')
  @ApiOkResponse({ type: BodyView })
  plain() {
    return BODY;
  }
}

@Controller('t')
class UndocumentedController {
  @Put('undocumented')
  @CompiledResponse()
  undocumented() {
    return {};
  }
}

@Module({ controllers: [TestController] })
class TestModule {}

@Module({ controllers: [UndocumentedController] })
class UndocumentedModule {}

async function boot(module: typeof TestModule) {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { logger: false });
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), { extraModels: [AttemptView] });
  useCompiledResponses(app.getHttpAdapter().getInstance() as unknown as FastifyInstance, document);
  return { app, document };
}

describe('CompiledResponse', () => {
  it('stops the boot when a marked route documents no JSON body, naming it', async () => {
    const { app } = await boot(UndocumentedModule);
    await expect(app.init()).rejects.toThrow(/PUT \/t\/undocumented/);
    await app.close().catch(() => undefined);
  });

  it('serialises a marked route from its response DTO: nested and nullable, and nothing the DTO does not name', async () => {
    const { app } = await boot(TestModule);
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    const compiled = await fastify.inject('/t/compiled');
    const plain = await fastify.inject('/t/plain');
    await app.close();
    expect(compiled.json()).toEqual({ id: 'a', item: { position: 1, options: [{ key: 'B' }], answer: null } });
    expect(plain.json()).toEqual(BODY);
  });

  it("gives the attempt body the AttemptView schema (the candidate's view: no key, no explanation)", async () => {
    const { app, document } = await boot(TestModule);
    await app.close();
    const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
    const schema = toJsonSchema({ $ref: '#/components/schemas/AttemptView' }, schemas, []) as {
      properties: Record<string, { items?: { properties: Record<string, unknown> } }>;
      required: string[];
    };
    expect(Object.keys(schema.properties.items.items!.properties).sort()).toEqual(
      ['options', 'points', 'position', 'stem', 'type'].sort(),
    );
    expect(schema.properties.answers.items!.properties.answer).toMatchObject({
      oneOf: expect.arrayContaining([{ type: 'null' }]),
    });
    expect(schema.required).not.toContain('result');
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });
});
