import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	NodeParameterValue,
} from 'n8n-workflow';

import { PROVIDERS } from '../../dev/providers';
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

/** The value at an n8n parameter path (`updateFields.status`, `filters.group[0].field`). */
function atPath(parameters: INodeParameters, path: string): unknown {
	return path
		.split(/\.|\[(\d+)\]/)
		.filter((key) => key !== undefined && key !== '')
		.reduce<unknown>(
			(value, key) => (value as Record<string, unknown> | undefined)?.[key],
			parameters,
		);
}

/**
 * Runs the check for item 2 with expressions resolving to `resolved`, as n8n's
 * getNodeParameter would for the path asked; returns the paths that were resolved.
 */
function check(choice: Choice, stored: unknown, resolved: unknown) {
	const type = NODES.find((candidate) => candidate.description.displayName === choice.node)!;
	const parameters = choice.parameters(stored);
	const resolve = (path: string) => {
		const value = atPath(parameters, path);
		if (typeof value === 'string') return resolved;
		// A collection holding an expression: n8n resolves the whole collection for the item.
		return JSON.parse(JSON.stringify(value ?? null).replace(/"=[^"]*"/g, JSON.stringify(resolved)));
	};
	return () => checkOptionParameters(nodeWith(parameters), 2, type.description.properties, resolve);
}

it("covers every node of dev/providers.ts (the tools are the action nodes' variants)", () => {
	const registered = Object.values(PROVIDERS).flatMap(({ nodes }) =>
		Object.entries(nodes)
			.filter(([role]) => role !== 'tool')
			.map(([, name]) => name),
	);
	expect(NODES.map((node) => node.description.name).sort()).toEqual(registered.sort());
});

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

	it('resolves only the choices that hold expressions, by their path', () => {
		// An ID and a free-text field are resolved by the operation itself; resolving them here
		// too would double n8n's expression work for every item.
		const parameters: INodeParameters = {
			resource: 'ticket',
			operation: 'update',
			ticketId: { __rl: true, mode: 'id', value: '={{ $json.ticketId }}' },
			updateFields: { subject: '={{ $json.subject }}', status: '={{ $json.status }}' },
		};
		const resolved: string[] = [];
		const resolve = (path: string) => {
			resolved.push(path);
			return path === 'updateFields.status' ? 'closed' : 'not a choice';
		};
		checkOptionParameters(nodeWith(parameters), 0, new Gorgias().description.properties, resolve);
		expect(resolved).toEqual(['updateFields.status']);

		const refused = () =>
			checkOptionParameters(
				nodeWith(parameters),
				1,
				new Gorgias().description.properties,
				() => 'sideways',
			);
		expect(refused).toThrow('Invalid "Update Fields → Status" in item 1');
	});

	it('resolves a collection stored as one expression as a whole, and checks its choices', () => {
		const parameters: INodeParameters = {
			resource: 'ticket',
			operation: 'update',
			updateFields: '={{ { status: $json.status } }}',
		};
		const resolved: string[] = [];
		const resolve = (path: string) => {
			resolved.push(path);
			return { status: 'sideways', subject: '=not an expression once resolved' };
		};
		const run = () =>
			checkOptionParameters(nodeWith(parameters), 3, new Gorgias().description.properties, resolve);
		expect(run).toThrow('Invalid "Update Fields → Status" in item 3');
		expect(resolved).toEqual(['updateFields']);
	});

	describe('in a fixed collection (no node has a choice in one yet; the check is ready for it)', () => {
		const properties: INodeProperties[] = [
			{
				displayName: 'Rules',
				name: 'rules',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Rule',
						name: 'rule',
						values: [
							{ displayName: 'Note', name: 'note', type: 'string', default: '' },
							{
								displayName: 'Kind',
								name: 'kind',
								type: 'options',
								default: 'a',
								options: [
									{ name: 'A', value: 'a' },
									{ name: 'B', value: 'b' },
								],
							},
						],
					},
				],
			},
		];
		const run = (rules: unknown, resolve: (path: string) => unknown) => () =>
			checkOptionParameters(nodeWith({ rules } as INodeParameters), 4, properties, resolve);

		it("resolves an entry's choice at its path, and no free text", () => {
			const resolved: string[] = [];
			const rules = {
				rule: [
					{ note: '={{ $json.note }}', kind: 'a' },
					{ note: '={{ $json.note }}', kind: '={{ $json.kind }}' },
				],
			};
			const resolve = (path: string) => {
				resolved.push(path);
				return 'sideways';
			};
			expect(run(rules, resolve)).toThrow(
				'Invalid "Rules → 2 → Kind" in item 4: expected one of "a", "b" but got "sideways"',
			);
			expect(resolved).toEqual(['rules.rule[1].kind']);
		});

		it('resolves a group set by one expression as a whole, then checks its entries', () => {
			const resolved: string[] = [];
			const resolve = (path: string) => {
				resolved.push(path);
				return [{ kind: 'b' }, { kind: '=sideways', note: '=text' }];
			};
			expect(run({ rule: '={{ $json.rules }}' }, resolve)).toThrow(
				'Invalid "Rules → 2 → Kind" in item 4: expected one of "a", "b" but got "=sideways"',
			);
			expect(resolved).toEqual(['rules.rule']);
		});
	});
});
