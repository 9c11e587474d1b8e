import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { zaiaListAll } from '../transport';

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await zaiaListAll.call(this, '/tags', {});
	return tags
		.map((tag) => ({
			name: String(tag.name ?? tag.id),
			value: String(tag.id),
			description: typeof tag.description === 'string' ? tag.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
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
