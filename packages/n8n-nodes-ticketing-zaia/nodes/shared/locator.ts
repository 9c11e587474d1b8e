import type { IDataObject, INodePropertyMode, INodePropertyOptions } from 'n8n-workflow';

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

/** The "From List" mode of a resource locator, searched by the node's `method`. */
export function listMode(method: string): INodePropertyMode {
	return {
		displayName: 'From List',
		name: 'list',
		// `as const`: a mode outside a `modes` list looks like a parameter to the lint rules.
		type: 'list' as const,
		typeOptions: { searchListMethod: method, searchable: true },
	};
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

/** The "By ID" mode of a resource locator, with the editor checking the ID's form. */
export function idMode(
	placeholder: string,
	regex: string,
	errorMessage: string,
): INodePropertyMode {
	return {
		displayName: 'By ID',
		name: 'id',
		// `as const`: a mode outside a `modes` list looks like a parameter to the lint rules.
		type: 'string' as const,
		placeholder,
		validation: [{ type: 'regex', properties: { regex, errorMessage } }],
	};
}
