import { UseFilters, UseGuards } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { FlowRegistry } from '../flows/flow.registry.js';
import { parametersSchema } from '../flows/flow-parameters.js';
import { FlowDefinitionModel } from './models/flow-definition.model.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';

@Resolver(() => FlowDefinitionModel)
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
export class FlowResolver {
  constructor(private readonly registry: FlowRegistry) {}

  @Query(() => [FlowDefinitionModel], { description: 'The flows this application can run.' })
  flows(): FlowDefinitionModel[] {
    return this.registry.list().map((flow) => ({
      name: flow.name,
      description: flow.description,
      version: flow.version,
      replays: flow.replays,
      timeout: flow.timeout,
      inputTypes: flow.inputs.map((input) => input.name),
      parametersSchema: parametersSchema(flow),
      parametersType: flow.parameters?.name ?? null,
    }));
  }
}
