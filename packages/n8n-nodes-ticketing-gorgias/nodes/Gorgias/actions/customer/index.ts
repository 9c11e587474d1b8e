import { resourceProperties } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const customerOperations = { create, get, getMany, update } satisfies OperationMap;

export const customerDescription = resourceProperties({
	provider: 'Gorgias',
	resource: 'customer',
	operations: customerOperations,
	defaultOperation: 'get',
});
