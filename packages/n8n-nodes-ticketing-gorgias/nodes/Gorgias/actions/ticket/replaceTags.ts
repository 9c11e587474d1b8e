import type { INodeProperties } from 'n8n-workflow';

import { tagFields, ticketLocator } from '../../descriptions';
import { changeTags } from './common';

export const option = {
	name: 'Replace Tags',
	description: 'Set the exact tags of a ticket',
	action: 'Replace tags of a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), ...tagFields()];

export const prepare = changeTags('PUT', 'replaced');
