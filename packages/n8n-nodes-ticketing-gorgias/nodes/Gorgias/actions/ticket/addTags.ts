import type { INodeProperties } from 'n8n-workflow';

import { tagFields, ticketLocator } from '../../descriptions';
import { changeTags } from './common';

export const option = {
	name: 'Add Tags',
	description: 'Add tags to a ticket, creating new names',
	action: 'Add tags to a ticket',
};

export const description: INodeProperties[] = [ticketLocator(), ...tagFields()];

export const prepare = changeTags('POST', 'added');
