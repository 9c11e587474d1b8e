import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { gorgiasListAll } from '../transport';

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await gorgiasListAll.call(this, '/tags', {});
	return tags
		.map((tag) => ({
			name: String(tag.name ?? tag.id),
			value: String(tag.id),
			description: typeof tag.description === 'string' ? tag.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
