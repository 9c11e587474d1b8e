import { resourceProperties } from '../../../shared/descriptions';
import type { OperationMap } from '../../../shared/router';
import * as addTags from './addTags';
import * as assign from './assign';
import * as complete from './complete';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as removeTags from './removeTags';
import * as takeOver from './takeOver';

export const ticketOperations = {
	addTags,
	assign,
	complete,
	create,
	get,
	getMany,
	removeTags,
	takeOver,
} satisfies OperationMap;

export const ticketDescription = resourceProperties({
	provider: 'Zaia',
	resource: 'ticket',
	operations: ticketOperations,
	defaultOperation: 'get',
	notOffered:
		"Zaia's API has no endpoint to edit a ticket's fields, so Update is not offered: the assignee and the stage change through Assign, Take Over and Complete",
});
