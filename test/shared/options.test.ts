import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	NodeParameterValue,
} from 'n8n-workflow';

import { Gorgias } from '../../nodes/Gorgias/Gorgias.node';
import { GorgiasInstantTrigger } from '../../nodes/Gorgias/GorgiasInstantTrigger.node';
import { GorgiasTrigger } from '../../nodes/Gorgias/GorgiasTrigger.node';
import { GuruSup } from '../../nodes/GuruSup/GuruSup.node';
import { GuruSupTrigger } from '../../nodes/GuruSup/GuruSupTrigger.node';
import { checkOptionParameters } from '../../nodes/shared/options';
import { Zaia } from '../../nodes/Zaia/Zaia.node';
import { ZaiaTrigger } from '../../nodes/Zaia/ZaiaTrigger.node';

const NODES: INodeType[] = [
	new Gorgias(),
	new GorgiasTrigger(),
	new GorgiasInstantTrigger(),
	new GuruSup(),
	new GuruSupTrigger(),
	new Zaia(),
	new ZaiaTrigger(),
];

/** A choice parameter somewhere in a node: top level, in a collection or a fixed collection. */
interface Choice {
	node: string;
	label: string;
	top: INodeProperties;
	/** Node parameters holding `value` where this choice lives, and what makes it shown. */
	parameters(value: unknown): INodeParameters;
	options: INodePropertyOptions[];
	multiple: boolean;
}

function isFixedChoice(property: INodeProperties): boolean {
	return (
		(property.type === 'options' || property.type === 'multiOptions') &&
		property.typeOptions?.loadOptionsMethod === undefined
	);
}

/** What makes the editor show `property`: the first allowed value of each rule. */
function shownBy(property: INodeProperties): INodeParameters {
	const parameters: INodeParameters = {};
	for (const [name, allowed] of Object.entries(property.displayOptions?.show ?? {})) {
		if (!name.startsWith('@') && Array.isArray(allowed)) {
			parameters[name] = allowed[0] as NodeParameterValue;
		}
	}
	return parameters;
}

function choicesOf(type: INodeType): Choice[] {
	const node = type.description.displayName;
	const choices: Choice[] = [];
	for (const top of type.description.properties) {
		const base = shownBy(top);
		const add = (
			label: string,
			property: INodeProperties,
			place: (value: unknown) => INodeParameters,
		) =>
			choices.push({
				node,
				label,
				top,
				parameters: (value) => ({ ...base, ...shownBy(property), ...place(value) }),
				options: property.options as INodePropertyOptions[],
				multiple: property.type === 'multiOptions',
			});
		if (isFixedChoice(top))
			add(top.displayName, top, (value) => ({ [top.name]: value as NodeParameterValue }));
		if (top.type === 'collection') {
			for (const child of (top.options ?? []) as INodeProperties[]) {
				if (!isFixedChoice(child)) continue;
				add(`${top.displayName} → ${child.displayName}`, child, (value) => ({
					[top.name]: { [child.name]: value as NodeParameterValue },
				}));
			}
		}
		if (top.type === 'fixedCollection') {
			for (const group of (top.options ?? []) as INodePropertyCollection[]) {
				for (const child of group.values.filter(isFixedChoice)) {
					add(`${top.displayName} → ${child.displayName}`, child, (value) => ({
						[top.name]: { [group.name]: [{ [child.name]: value as NodeParameterValue }] },
					}));
				}
			}
		}
	}
	return choices;
}

const ALL = NODES.flatMap(choicesOf);

function nodeWith(parameters: INodeParameters): INode {
	return {
		id: 'node-1',
		name: 'Ticketing',
		type: 'n8n-nodes-ticketing.test',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
}

/** Runs the check for item 2 with expressions resolving to `resolved`. */
function check(choice: Choice, stored: unknown, resolved: unknown) {
	const type = NODES.find((candidate) => candidate.description.displayName === choice.node)!;
	const parameters = choice.parameters(stored);
	const resolve = (name: string) => {
		const value = parameters[name];
		if (typeof value === 'string') return resolved;
		// A collection holding an expression: n8n resolves the whole collection for the item.
		return JSON.parse(JSON.stringify(value ?? null).replace(/"=[^"]*"/g, JSON.stringify(resolved)));
	};
	return () => checkOptionParameters(nodeWith(parameters), 2, type.description.properties, resolve);
}

describe('choice parameters are checked against their options', () => {
	it('finds every fixed choice of every node, the ones users met included', () => {
		const labels = ALL.map((choice) => `${choice.node}: ${choice.label}`);
		expect(labels).toEqual(
			expect.arrayContaining([
				'Gorgias: Authentication',
				'Gorgias: Channel',
				'Gorgias: Direction',
				'Gorgias: Additional Fields → Status',
				'Gorgias: Update Fields → Status',
				'Gorgias: Update Fields → Trash',
				'Gorgias: Filters → Order By',
				'Gorgias: Kind',
				'Gorgias: Reply Channel',
				'Gorgias Trigger: Event',
				'Gorgias Trigger: Filters → Statuses',
				'Gorgias Instant Trigger: Events',
				'GuruSup: Messages Input',
				'GuruSup Trigger: Event',
				'Zaia: Status',
				'Zaia Trigger: Event',
				'Zaia Trigger: Statuses to Watch',
				'Zaia Trigger: Filters → Channel Types',
			]),
		);
		expect(ALL.length).toBeGreaterThanOrEqual(25);
	});

	describe.each(ALL.map((choice) => [`${choice.node}: ${choice.label}`, choice] as const))(
		'%s',
		(_name, choice) => {
			const listed = choice.options[0].value;
			const value = (entry: unknown) => (choice.multiple ? [entry] : entry);
			const refusal = `Invalid "${choice.label}" in item 2: expected one of ${choice.options
				.map((option) => `"${String(option.value)}"`)
				.join(', ')} but got "sideways"`;

			it('refuses an unlisted value set by an expression, naming parameter and item', () => {
				expect(check(choice, '={{ $json.choice }}', value('sideways'))).toThrow(refusal);
			});

			it('refuses an unlisted value stored on the node (an imported workflow)', () => {
				expect(check(choice, value('sideways'), undefined)).toThrow(refusal);
			});

			it('accepts a listed value, stored or from an expression', () => {
				expect(check(choice, value(listed), undefined)).not.toThrow();
				expect(check(choice, '={{ $json.choice }}', value(listed))).not.toThrow();
			});
		},
	);

	it('leaves a choice alone while the editor hides it', () => {
		const direction = ALL.find((choice) => choice.label === 'Direction')!;
		const parameters = { ...direction.parameters('sideways'), channel: 'api' };
		const gorgias = new Gorgias();
		expect(() =>
			checkOptionParameters(
				nodeWith(parameters),
				0,
				gorgias.description.properties,
				() => undefined,
			),
		).not.toThrow();
	});
});
