import { registerEnumType } from '@nestjs/graphql';
import { FlowRunState } from '../../domain/flow-run-state.js';

registerEnumType(FlowRunState, { name: 'FlowRunState', description: 'Lifecycle state of a flow run.' });

export { FlowRunState };
