import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { languageOptions, timeZoneOptions } from '../../shared/locale';
import { tagOptions } from '../../shared/locator';
import { customFieldOptions, ticketFieldDefinitions } from '../customFields';
import { gorgiasListAll } from '../transport';

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await gorgiasListAll.call(this, '/tags', {});
	return tagOptions(tags);
}

export async function getTicketCustomFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return customFieldOptions(await ticketFieldDefinitions(this));
}

export async function getLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return languageOptions();
}

export async function getTimezones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return timeZoneOptions();
}
