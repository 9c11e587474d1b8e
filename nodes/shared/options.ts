import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	IHookFunctions,
	IPollFunctions,
	IWebhookFunctions,
	NodeParameterValueType,
} from 'n8n-workflow';

import { invalidParameterError } from './errors';

/**
 * Choice parameters (`options`, `multiOptions`) checked against their own option lists.
 * The editor only offers listed values, but an expression, an imported workflow or an AI
 * agent can set anything: an unlisted value would reach the provider (or pick a wrong code
 * path) instead of being refused here with the parameter's name and the item.
 *
 * Values are read as stored on the node; only those holding an expression are resolved for
 * the item, so a thousand-item run does not resolve every choice a thousand times.
 */
export function checkOptionParameters(
	node: INode,
	itemIndex: number,
	properties: INodeProperties[],
	resolve: (name: string) => unknown,
): void {
	const defaults = new Map(properties.map((property) => [property.name, property.default]));
	const value = (name: string) => {
		const stored = node.parameters[name];
		if (stored === undefined) return defaults.get(name);
		return holdsExpression(stored) ? resolve(name) : stored;
	};
	for (const property of properties) {
		if (!isShown(property, value)) continue;
		checkValue(node, itemIndex, property, value(property.name), property.displayName);
	}
}

function checkValue(
	node: INode,
	itemIndex: number,
	property: INodeProperties,
	value: unknown,
	label: string,
): void {
	if (value === undefined) return;
	const fixed = property.typeOptions?.loadOptionsMethod === undefined;
	if (property.type === 'options' && fixed) {
		requireListed(node, itemIndex, label, property.options as INodePropertyOptions[], value);
	} else if (property.type === 'multiOptions' && fixed) {
		const entries = Array.isArray(value) ? (value as unknown[]) : [value];
		for (const entry of entries) {
			requireListed(node, itemIndex, label, property.options as INodePropertyOptions[], entry);
		}
	} else if (property.type === 'collection' && isObject(value)) {
		for (const child of (property.options ?? []) as INodeProperties[]) {
			checkValue(node, itemIndex, child, value[child.name], `${label} → ${child.displayName}`);
		}
	} else if (property.type === 'fixedCollection' && isObject(value)) {
		for (const group of (property.options ?? []) as INodePropertyCollection[]) {
			const raw = value[group.name];
			const entries = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
			entries.forEach((entry, position) => {
				if (!isObject(entry)) return;
				const where = entries.length > 1 ? `${label} → ${position + 1}` : label;
				for (const child of group.values) {
					checkValue(node, itemIndex, child, entry[child.name], `${where} → ${child.displayName}`);
				}
			});
		}
	}
}

function requireListed(
	node: INode,
	itemIndex: number,
	label: string,
	options: INodePropertyOptions[],
	value: unknown,
): void {
	if (options.some((option) => option.value === value)) return;
	const allowed = options.map((option) => `"${String(option.value)}"`).join(', ');
	const got = typeof value === 'string' ? `"${value.slice(0, 80)}"` : describeType(value);
	throw invalidParameterError(node, label, `expected one of ${allowed} but got ${got}`, itemIndex);
}

/** Whether the editor would show the parameter, for the plain show/hide rules nodes use. */
function isShown(property: INodeProperties, value: (name: string) => unknown): boolean {
	const { show, hide } = property.displayOptions ?? {};
	// "@version" and the like describe the node, not a parameter: every node here is version 1.
	const rules = (conditions: typeof show) =>
		Object.entries(conditions ?? {}).filter(([name]) => !name.startsWith('@'));
	const matches = (name: string, allowed: unknown) =>
		Array.isArray(allowed) && allowed.includes(value(name) as NodeParameterValueType);
	return (
		rules(show).every(([name, allowed]) => matches(name, allowed)) &&
		!rules(hide).some(([name, allowed]) => matches(name, allowed))
	);
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (isObject(value)) return Object.values(value).some(holdsExpression);
	return false;
}

function isObject(value: unknown): value is IDataObject | INodeParameters {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return `${typeof value} ${typeof value === 'object' ? '' : String(value)}`.trim();
}

/** The same check for a trigger's parameters, which belong to no item (reported as item 0). */
export function checkTriggerParameters(
	context: IPollFunctions | IHookFunctions | IWebhookFunctions,
	properties: INodeProperties[],
): void {
	checkOptionParameters(context.getNode(), 0, properties, (name) => context.getNodeParameter(name));
}
