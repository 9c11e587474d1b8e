import { resourceProperties } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as getMany from './getMany';

export const messageOperations = { create, getMany } satisfies OperationMap;

export const messageDescription = resourceProperties({
	provider: 'Gorgias',
	resource: 'message',
	operations: messageOperations,
	defaultOperation: 'create',
});
