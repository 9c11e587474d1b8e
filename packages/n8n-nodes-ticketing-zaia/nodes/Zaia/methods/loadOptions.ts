import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { tagOptions } from '../../shared/locator';
import { zaiaListAll } from '../transport';

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await zaiaListAll.call(this, '/tags', {});
	return tagOptions(tags);
}

export async function getResponders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const responders = await zaiaListAll.call(this, '/super-identities/responders', {});
	return responders
		.map((responder) => ({
			name: `${String(responder.name ?? responder.id)} (${String(responder.entity ?? 'responder')})`,
			value: String(responder.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
