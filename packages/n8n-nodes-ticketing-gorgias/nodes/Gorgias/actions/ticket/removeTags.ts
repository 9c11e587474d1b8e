import type { INodeProperties } from 'n8n-workflow';

import { tagFields, ticketLocator } from '../../descriptions';
import { changeTags } from './common';

export const option = {
	name: 'Remove Tags',
	description: 'Remove tags from a ticket',
	action: 'Remove tags from a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), ...tagFields()];

export const prepare = changeTags('DELETE', 'removed');
