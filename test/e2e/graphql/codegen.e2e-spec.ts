import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { parse } from 'graphql';
import ts from 'typescript';
import { FlowRunService, FlowRunState } from '../../../src/index.js';
import { gql } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.gql', import.meta.url));

/** The client's operations: the typed resume, with the order as a variable of its own type, or the whole answer. */
const ANSWER_SHIRT_ORDER = `mutation AnswerShirtOrder($id: ID!, $order: ShirtOrderInput!) {
  resumeRun(id: $id, answer: { shirtOrder: $order }) { id state }
}`;
const ANSWER = `mutation Answer($id: ID!, $answer: TypedInput!) { resumeRun(id: $id, answer: $answer) { id state } }`;

/** A small client as an app would write it against the generated types. */
const CLIENT = `
import type { AnswerShirtOrderMutation, AnswerShirtOrderMutationVariables, AnswerMutationVariables } from './types';

type Post = <V, R>(query: string, variables: V) => Promise<{ data?: R | null }>;

export async function answerShirtOrder(post: Post, id: string): Promise<string | undefined> {
  const variables: AnswerShirtOrderMutationVariables = { id, order: { size: 'medium', color: 'green' } };
  const { data } = await post<AnswerShirtOrderMutationVariables, AnswerShirtOrderMutation>(${JSON.stringify(ANSWER_SHIRT_ORDER)}, variables);
  return data?.resumeRun.state;
}

export const answer: AnswerMutationVariables = { id: 'run', answer: { shirtOrder: { size: 'small', color: 'red' } } };
`;
const WRONG_ENUM = `
import type { AnswerShirtOrderMutationVariables } from './types';
export const variables: AnswerShirtOrderMutationVariables = { id: 'run', order: { size: 'XXL', color: 'red' } };
`;
const TWO_CLASSES = `
import type { AnswerMutationVariables } from './types';
export const variables: AnswerMutationVariables = {
  id: 'run',
  answer: { shirtOrder: { size: 'small', color: 'red' }, userNameInput: { name: 'Ada' } },
};
`;

let server: GraphqlApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nestflow-codegen-'));
  server = await startDemoApp();
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** GraphQL Code Generator's typescript-operations plugin, run on the committed schema.gql. */
async function generateTypes(): Promise<string> {
  return codegen({
    filename: join(dir, 'types.ts'),
    schema: parse(readFileSync(SCHEMA_FILE, 'utf8')),
    documents: [{ document: parse(`${ANSWER_SHIRT_ORDER}\n${ANSWER}`) }],
    plugins: [{ 'typescript-operations': {} }],
    pluginMap: { 'typescript-operations': typescriptOperations },
    config: { enumsAsTypes: true },
  });
}

/** Type-checks every file in one program; the diagnostics of each, as text. */
function typeCheck(files: Record<string, string>): Record<string, string[]> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const program = ts.createProgram({
    rootNames: Object.keys(files).map((name) => join(dir, name)),
    options: {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
    },
  });
  return Object.fromEntries(
    Object.keys(files).map((name) => [
      name,
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(join(dir, name)))
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    ]),
  );
}

describe('a client typed with GraphQL Code Generator from schema.gql', () => {
  it('compiles when it answers a ShirtOrder, and not with a wrong enum value or two classes at once', async () => {
    const types = await generateTypes();
    expect(types).toMatch(/export type ShirtOrderSize =\s*\| 'large'\s*\| 'medium'\s*\| 'small'\s*\| 'xlarge';/);

    const diagnostics = typeCheck({
      'types.ts': types,
      'client.ts': CLIENT,
      'wrong-enum.ts': WRONG_ENUM,
      'two-classes.ts': TWO_CLASSES,
    });
    expect(diagnostics['types.ts']).toEqual([]);
    expect(diagnostics['client.ts']).toEqual([]);
    expect(diagnostics['wrong-enum.ts']).toEqual([
      expect.stringContaining(`Type '"XXL"' is not assignable to type 'ShirtOrderSize'`),
    ]);
    expect(diagnostics['two-classes.ts'].join('\n')).toMatch(/userNameInput/);
  });

  it('sent anyway, the wrong value is refused by GraphQL before nestflow runs: the run still waits, nothing stored', async () => {
    const runs = server.app.get(FlowRunService);
    const { id } = await runs.createFlowRun('get-shirt-order');
    const paused = await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 5000 });

    const refused = await gql(server.httpUrl, ANSWER_SHIRT_ORDER, { id, order: { size: 'XXL', color: 'red' } });
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/"XXL".*ShirtOrderSize/),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    const after = await runs.getFlowRun(id);
    expect({ state: after.state, version: after.version }).toEqual({ state: 'PAUSED', version: paused.version });
    expect(await runs.getFlowRunInputs(id)).toEqual([]);

    const answered = await gql(server.httpUrl, ANSWER_SHIRT_ORDER, { id, order: { size: 'medium', color: 'green' } });
    expect(answered).toEqual({ data: { resumeRun: { id, state: 'RUNNING' } } });
  });
});
