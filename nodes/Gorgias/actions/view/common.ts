import type { INodeProperties } from 'n8n-workflow';

import { viewModes } from '../../descriptions';

/** The view to work on: picked from Gorgias or typed by ID. */
export const viewLocator: INodeProperties = {
	displayName: 'View',
	name: 'viewId',
	description: 'The Gorgias view (a saved ticket list)',
	required: true,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	...viewModes,
};

/** How Get Tickets and Search Tickets may order a view's tickets (the items' `order_by`). */
export const itemsOrderField: INodeProperties = {
	displayName: 'Order By',
	name: 'orderBy',
	type: 'options',
	default: '',
	description: "Order of the tickets; by default the view's own order",
	options: [
		{ name: 'As the View Sorts', value: '' },
		{ name: 'Closed (Newest First)', value: 'closed_datetime:desc' },
		{ name: 'Closed (Oldest First)', value: 'closed_datetime:asc' },
		{ name: 'Created (Newest First)', value: 'created_datetime:desc' },
		{ name: 'Created (Oldest First)', value: 'created_datetime:asc' },
		{ name: 'Last Message (Newest First)', value: 'last_message_datetime:desc' },
		{ name: 'Last Message (Oldest First)', value: 'last_message_datetime:asc' },
		{
			name: 'Last Received Message (Newest First)',
			value: 'last_received_message_datetime:desc',
		},
		{
			name: 'Last Received Message (Oldest First)',
			value: 'last_received_message_datetime:asc',
		},
		{ name: 'Updated (Newest First)', value: 'updated_datetime:desc' },
		{ name: 'Updated (Oldest First)', value: 'updated_datetime:asc' },
	],
};
