import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/**
 * Resource locator values arrive as `{ __rl, mode, value }` when picked in the editor and as
 * plain values when an expression replaced the whole parameter; both mean the same id.
 */
export function locatorValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && '__rl' in value) {
		return (value as { value?: unknown }).value;
	}
	return value;
}

/** A provider's tags as the options of a tag picker, by name. */
export function tagOptions(tags: IDataObject[]): INodePropertyOptions[] {
	return tags
		.map((tag) => ({
			name: String(tag.name ?? tag.id),
			value: String(tag.id),
			description: typeof tag.description === 'string' ? tag.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
