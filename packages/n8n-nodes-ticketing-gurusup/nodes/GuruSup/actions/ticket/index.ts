import { resourceProperties } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as assign from './assign';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as takeOver from './takeOver';
import * as update from './update';

export const ticketOperations = {
	assign,
	create,
	get,
	getMany,
	takeOver,
	update,
} satisfies OperationMap;

export const ticketDescription = resourceProperties({
	provider: 'GuruSup',
	resource: 'ticket',
	operations: ticketOperations,
	defaultOperation: 'create',
	notOffered:
		"GuruSup's API has no endpoints to complete or tag tickets, so those operations are not offered here",
});
