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

/** Each node's parameter defaults by name, built once instead of once per item. */
const defaultsOf = new WeakMap<INodeProperties[], Map<string, unknown>>();

/**
 * Choice parameters (`options`, `multiOptions`) checked against their own option lists.
 * The editor only offers listed values, but an expression, an imported workflow or an AI
 * agent can set anything: an unlisted value would reach the provider (or pick a wrong code
 * path) instead of being refused here with the parameter's name and the item.
 *
 * Values are read as stored on the node; only a choice that holds an expression is resolved
 * for the item, by its path (`updateFields.status`). Resolving an expression costs n8n about a
 * millisecond, so the other parameters (an ID, a collection's free-text fields) are left to
 * the operation, which resolves them once.
 */
export function checkOptionParameters(
	node: INode,
	itemIndex: number,
	properties: INodeProperties[],
	resolve: (path: string) => unknown,
): void {
	let defaults = defaultsOf.get(properties);
	if (!defaults) {
		defaults = new Map(properties.map((property) => [property.name, property.default]));
		defaultsOf.set(properties, defaults);
	}
	const stored = (name: string) =>
		node.parameters[name] === undefined ? defaults.get(name) : node.parameters[name];
	const value = (name: string) => {
		const raw = stored(name);
		return holdsExpression(raw) ? resolve(name) : raw;
	};
	const check: Check = { node, itemIndex, resolve };
	for (const property of properties) {
		if (!holdsChoice(property) || !isShown(property, value)) continue;
		checkStored(check, property, property.name, stored(property.name), property.displayName);
	}
}

interface Check {
	node: INode;
	itemIndex: number;
	/** Resolves the expression at a parameter path for the item; absent once resolved. */
	resolve?: (path: string) => unknown;
}

/** A choice with a fixed option list: the only kind a check can compare against. */
function isFixedChoice(property: INodeProperties): boolean {
	return (
		(property.type === 'options' || property.type === 'multiOptions') &&
		property.typeOptions?.loadOptionsMethod === undefined
	);
}

const choiceInside = new WeakMap<INodeProperties, boolean>();

/** Whether the property is a fixed choice or a collection with one somewhere inside. */
function holdsChoice(property: INodeProperties): boolean {
	let known = choiceInside.get(property);
	if (known === undefined) {
		known =
			isFixedChoice(property) ||
			(property.type === 'collection' &&
				((property.options ?? []) as INodeProperties[]).some(holdsChoice)) ||
			(property.type === 'fixedCollection' &&
				((property.options ?? []) as INodePropertyCollection[]).some((group) =>
					group.values.some(holdsChoice),
				));
		choiceInside.set(property, known);
	}
	return known;
}

/**
 * Checks a property from its stored value. A choice, or a collection stored as one
 * expression, is resolved at its path when it holds an expression; a stored collection is
 * walked, so only its choices are ever resolved. Once resolved, nothing is resolved again
 * (`check.resolve` is dropped): a resolved text may itself start with "=".
 */
function checkStored(
	check: Check,
	property: INodeProperties,
	path: string,
	stored: unknown,
	label: string,
): void {
	if (stored === undefined) return;
	const { node, itemIndex, resolve } = check;
	if (resolve && holdsExpression(stored) && (isFixedChoice(property) || !isObject(stored))) {
		checkStored({ node, itemIndex }, property, path, resolve(path), label);
		return;
	}
	const options = property.options as INodePropertyOptions[];
	if (property.type === 'options' && isFixedChoice(property)) {
		requireListed(node, itemIndex, label, options, stored);
	} else if (property.type === 'multiOptions' && isFixedChoice(property)) {
		const entries = Array.isArray(stored) ? (stored as unknown[]) : [stored];
		for (const entry of entries) requireListed(node, itemIndex, label, options, entry);
	} else if (property.type === 'collection' && isObject(stored)) {
		for (const child of (property.options ?? []) as INodeProperties[]) {
			if (!holdsChoice(child)) continue;
			const where = `${label} → ${child.displayName}`;
			checkStored(check, child, `${path}.${child.name}`, stored[child.name], where);
		}
	} else if (property.type === 'fixedCollection' && isObject(stored)) {
		for (const group of (property.options ?? []) as INodePropertyCollection[]) {
			if (!group.values.some(holdsChoice)) continue;
			// A group, or one of its entries, may be set by one expression (an imported workflow).
			const groupPath = `${path}.${group.name}`;
			const [raw, groupCheck] = resolvedIfExpression(check, stored[group.name], groupPath);
			const entries = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
			entries.forEach((item, position) => {
				const at = Array.isArray(raw) ? `${groupPath}[${position}]` : groupPath;
				const [entry, entryCheck] = resolvedIfExpression(groupCheck, item, at);
				if (!isObject(entry)) return;
				const where = entries.length > 1 ? `${label} → ${position + 1}` : label;
				for (const child of group.values) {
					if (!holdsChoice(child)) continue;
					const childLabel = `${where} → ${child.displayName}`;
					checkStored(entryCheck, child, `${at}.${child.name}`, entry[child.name], childLabel);
				}
			});
		}
	}
}

/** A value stored as one expression, resolved at its path (and nothing resolved after it). */
function resolvedIfExpression(check: Check, stored: unknown, path: string): [unknown, Check] {
	if (!check.resolve || typeof stored !== 'string' || !holdsExpression(stored)) {
		return [stored, check];
	}
	return [check.resolve(path), { node: check.node, itemIndex: check.itemIndex }];
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
