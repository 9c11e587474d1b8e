import { resourceProperties } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as addTags from './addTags';
import * as assign from './assign';
import * as complete from './complete';
import * as create from './create';
import * as deleteTicket from './delete';
import * as get from './get';
import * as getMany from './getMany';
import * as removeTags from './removeTags';
import * as reopen from './reopen';
import * as replaceTags from './replaceTags';
import * as takeOver from './takeOver';
import * as update from './update';

export const ticketOperations = {
	addTags,
	assign,
	complete,
	create,
	delete: deleteTicket,
	get,
	getMany,
	removeTags,
	reopen,
	replaceTags,
	takeOver,
	update,
} satisfies OperationMap;

export const ticketDescription = resourceProperties({
	provider: 'Gorgias',
	resource: 'ticket',
	operations: ticketOperations,
	defaultOperation: 'get',
});
