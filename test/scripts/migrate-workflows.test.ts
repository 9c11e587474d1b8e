/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- tests run in plain Node and are never packaged; n8n Cloud rules govern shipped node code */
/**
 * scripts/migrate-workflows.mjs, run as users run it (`node migrate-workflows.mjs …`) on files
 * shaped like n8n's `export:workflow` output; and its list of nodes checked against what the
 * packages really hold (their manifests, codex files and node sources, and dev/providers.ts).
 */
import { spawnSync } from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../../dev/n8n/env';
import { PROVIDER_KEYS, PROVIDERS } from '../../dev/providers';

const SCRIPT = join(REPO_ROOT, 'scripts', 'migrate-workflows.mjs');
const COMBINED = 'n8n-nodes-ticketing';

interface Manifest {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}
interface Node {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Workflow {
	id: string;
	name: string;
	active: boolean;
	nodes: Node[];
	connections: Record<string, unknown>;
	staticData?: Record<string, unknown> | null;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The node names (with their AI-tool variants) a package's manifest lists, read from its sources. */
function nodeNamesOf(dir: string): string[] {
	const manifest = readJson<Manifest>(join(dir, 'package.json'));
	return manifest.n8n.nodes.flatMap((entry) => {
		const source = join(dir, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const codex = readJson<{ node: string }>(source.replace(/\.ts$/, '.json'));
		expect(codex.node.startsWith(`${manifest.name}.`)).toBe(true);
		const name = codex.node.slice(manifest.name.length + 1);
		return /usableAsTool: true/.test(readFileSync(source, 'utf8')) ? [name, `${name}Tool`] : [name];
	});
}

const PER_PROVIDER = readdirSync(join(REPO_ROOT, 'packages')).map((folder) => {
	const dir = join(REPO_ROOT, 'packages', folder);
	return { ...readJson<Manifest>(join(dir, 'package.json')), dir, nodes: nodeNamesOf(dir) };
});
const ROOT_MANIFEST = readJson<Manifest>(join(REPO_ROOT, 'package.json'));

/** The script's own table, as it exports it. */
function scriptTable(): Record<string, string[]> {
	const result = spawnSync(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			`import { PACKAGES } from ${JSON.stringify(SCRIPT)}; console.log(JSON.stringify(PACKAGES));`,
		],
		{ encoding: 'utf8' },
	);
	expect(result.stderr).toBe('');
	return JSON.parse(result.stdout) as Record<string, string[]>;
}

let work: string;
beforeEach(() => {
	work = mkdtempSync(join(tmpdir(), 'migrate-workflows-'));
});
afterEach(() => {
	rmSync(work, { recursive: true, force: true });
});

function migrate(...args: string[]) {
	const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const credential = (type: string) => ({ [type]: { id: `${type}-id`, name: type } });

function node(name: string, type: string, extra: Partial<Node> = {}): Node {
	return {
		id: `id-${name}`,
		name,
		type,
		typeVersion: 1,
		parameters: { resource: 'ticket' },
		...extra,
	};
}

/** A workflow as n8n 2.41's export:workflow writes one (the fields that matter here). */
function exported(
	id: string,
	name: string,
	nodes: Node[],
	extra: Partial<Workflow> = {},
): Workflow {
	return {
		id,
		name,
		active: false,
		nodes,
		connections: {
			[nodes[0].name]: { main: [[{ node: nodes[nodes.length - 1].name, type: 'main', index: 0 }]] },
		},
		staticData: null,
		...extra,
	};
}

/** Zaia → Gorgias, with both AI-tool variants, a trigger with its poll state, and n8n's own nodes. */
function mixedWorkflow(): Workflow {
	return exported(
		'mixedWf00000001',
		'Escalate hand-overs',
		[
			node('New hand-over', `${COMBINED}.zaiaTrigger`, { credentials: credential('zaiaApi') }),
			node('Get ticket', `${COMBINED}.zaia`, { credentials: credential('zaiaApi') }),
			node('If', 'n8n-nodes-base.if'),
			node('Open Gorgias ticket', `${COMBINED}.gorgias`, { credentials: credential('gorgiasApi') }),
			node('Agent', '@n8n/n8n-nodes-langchain.agent'),
			node('Zaia tool', `${COMBINED}.zaiaTool`, { credentials: credential('zaiaApi') }),
			node('Gorgias tool', `${COMBINED}.gorgiasTool`, {
				credentials: credential('gorgiasOAuth2Api'),
			}),
		],
		{
			active: true,
			staticData: { 'node:New hand-over': { watermark: '2026-12-01T10:00:00.000Z', ids: ['t1'] } },
		},
	);
}

describe('the list of nodes in scripts/migrate-workflows.mjs', () => {
	it('is exactly the per-provider packages and the nodes (with AI-tool variants) each one ships', () => {
		const expected = Object.fromEntries(PER_PROVIDER.map((pkg) => [pkg.name, pkg.nodes.sort()]));
		const table = scriptTable();
		expect(
			Object.fromEntries(Object.entries(table).map(([name, nodes]) => [name, [...nodes].sort()])),
		).toEqual(expected);
	});

	it('covers every node of the combined pack, once', () => {
		const all = Object.values(scriptTable()).flat().sort();
		expect(all).toEqual(nodeNamesOf(REPO_ROOT).sort());
		expect(new Set(all).size).toBe(all.length);
	});

	it('agrees with dev/providers.ts (node names and package per provider)', () => {
		const table = scriptTable();
		for (const key of PROVIDER_KEYS) {
			const entry = PROVIDERS[key];
			expect([...table[entry.packageName]].sort()).toEqual(Object.values(entry.nodes).sort());
		}
	});

	it('leaves credentials alone because every package ships the same credential files (same type names)', () => {
		for (const pkg of PER_PROVIDER) {
			expect(ROOT_MANIFEST.n8n.credentials).toEqual(expect.arrayContaining(pkg.n8n.credentials));
		}
		const types = PER_PROVIDER.flatMap((pkg) =>
			pkg.n8n.credentials.map((entry) => {
				const source = readFileSync(
					join(pkg.dir, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
					'utf8',
				);
				return /\bname = '([^']+)'/.exec(source)?.[1];
			}),
		);
		expect(types.sort()).toEqual(
			PROVIDER_KEYS.flatMap((key) => PROVIDERS[key].credentialTypes).sort(),
		);
	});
});

describe('node migrate-workflows.mjs', () => {
	it('moves each node of a mixed workflow to its own provider package, Tool variants and trigger included, and nothing else', () => {
		const file = join(work, 'export.json');
		const before = mixedWorkflow();
		writeFileSync(file, JSON.stringify(before));
		const run = migrate(file);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);

		const after = readJson<Workflow>(file);
		expect(after.nodes.map((n) => [n.name, n.type])).toEqual([
			['New hand-over', 'n8n-nodes-ticketing-zaia.zaiaTrigger'],
			['Get ticket', 'n8n-nodes-ticketing-zaia.zaia'],
			['If', 'n8n-nodes-base.if'],
			['Open Gorgias ticket', 'n8n-nodes-ticketing-gorgias.gorgias'],
			['Agent', '@n8n/n8n-nodes-langchain.agent'],
			['Zaia tool', 'n8n-nodes-ticketing-zaia.zaiaTool'],
			['Gorgias tool', 'n8n-nodes-ticketing-gorgias.gorgiasTool'],
		]);
		// Everything but the types is as exported: names, ids, credentials, connections, poll state.
		const typeless = (workflow: Workflow) => ({
			...workflow,
			nodes: workflow.nodes.map((each) => ({ ...each, type: undefined })),
		});
		expect(typeless(after)).toEqual(typeless(before));

		expect(run.stdout.split('\n')).toEqual([
			'"Escalate hand-overs" (mixedWf00000001): 5 node(s) moved',
			'  "New hand-over": n8n-nodes-ticketing.zaiaTrigger → n8n-nodes-ticketing-zaia.zaiaTrigger',
			'  "Get ticket": n8n-nodes-ticketing.zaia → n8n-nodes-ticketing-zaia.zaia',
			'  "Open Gorgias ticket": n8n-nodes-ticketing.gorgias → n8n-nodes-ticketing-gorgias.gorgias',
			'  "Zaia tool": n8n-nodes-ticketing.zaiaTool → n8n-nodes-ticketing-zaia.zaiaTool',
			'  "Gorgias tool": n8n-nodes-ticketing.gorgiasTool → n8n-nodes-ticketing-gorgias.gorgiasTool',
			'  was active: import:workflow imports it inactive; activate it afterwards',
			'5 node(s) moved, 1 file(s) written',
			'packages these workflows need: n8n-nodes-ticketing-gorgias, n8n-nodes-ticketing-zaia',
			'',
		]);
	});

	it('handles an array export and a --separate folder, reports per workflow, and keeps pretty printing', () => {
		const gurusup = exported('gurusupWf000001', 'GuruSup new tickets', [
			node('New ticket', `${COMBINED}.guruSupTrigger`),
			node('Tool', `${COMBINED}.guruSupTool`),
		]);
		const instant = exported('instantWf000001', 'Instant', [
			node('On ticket', `${COMBINED}.gorgiasInstantTrigger`, { webhookId: 'hook-1' }),
			node('Tag', `${COMBINED}.gorgias`),
		]);
		const plain = exported('plainWf00000001', 'Not ours', [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Set', 'n8n-nodes-base.set'),
		]);

		const array = join(work, 'all.json');
		writeFileSync(array, JSON.stringify([gurusup, plain], null, 2));
		const arrayRun = migrate(array);
		expect(arrayRun.code).toBe(0);
		expect(readFileSync(array, 'utf8')).toBe(
			JSON.stringify(
				[
					{
						...gurusup,
						nodes: [
							{ ...gurusup.nodes[0], type: 'n8n-nodes-ticketing-gurusup.guruSupTrigger' },
							{ ...gurusup.nodes[1], type: 'n8n-nodes-ticketing-gurusup.guruSupTool' },
						],
					},
					plain,
				],
				null,
				2,
			),
		);
		expect(arrayRun.stdout).toContain('"GuruSup new tickets" (gurusupWf000001): 2 node(s) moved');
		expect(arrayRun.stdout).toContain('"Not ours" (plainWf00000001): unchanged');

		const folder = join(work, 'separate');
		const out = join(work, 'migrated');
		mkdirSync(folder);
		for (const flow of [instant, plain])
			writeFileSync(join(folder, `${flow.id}.json`), JSON.stringify(flow));
		const folderRun = migrate(folder, '--output', out);
		expect(folderRun.code).toBe(0);
		// The export is left as it was; the output folder holds every file, changed or not.
		expect(readJson<Workflow>(join(folder, 'instantWf000001.json'))).toEqual(instant);
		expect(readdirSync(out).sort()).toEqual(['instantWf000001.json', 'plainWf00000001.json']);
		const moved = readJson<Workflow>(join(out, 'instantWf000001.json'));
		expect(moved.nodes.map((n) => n.type)).toEqual([
			'n8n-nodes-ticketing-gorgias.gorgiasInstantTrigger',
			'n8n-nodes-ticketing-gorgias.gorgias',
		]);
		expect(moved.nodes[0].webhookId).toBe('hook-1');
		expect(readJson<Workflow>(join(out, 'plainWf00000001.json'))).toEqual(plain);
		expect(folderRun.stdout).toContain(
			'  instant trigger "On ticket": deactivate the workflow before the export (Gorgias integrations), activate it after the import',
		);
		expect(folderRun.stdout).toContain('2 node(s) moved, 2 file(s) written');
	});

	it('is idempotent: a second run changes nothing and writes nothing', () => {
		const folder = join(work, 'export');
		mkdirSync(folder);
		const file = join(folder, 'mixedWf00000001.json');
		writeFileSync(file, JSON.stringify(mixedWorkflow(), null, 2));
		expect(migrate(folder).code).toBe(0);
		const once = readFileSync(file, 'utf8');
		const writtenAt = statSync(file).mtimeMs;

		const again = migrate(folder);
		expect(again.code).toBe(0);
		expect(readFileSync(file, 'utf8')).toBe(once);
		expect(statSync(file).mtimeMs).toBe(writtenAt);
		expect(again.stdout).toContain('"Escalate hand-overs" (mixedWf00000001): unchanged');
		expect(again.stdout).toContain('0 node(s) moved, 0 file(s) written');
		// The packages the workflow needs are still reported.
		expect(again.stdout).toContain(
			'packages these workflows need: n8n-nodes-ticketing-gorgias, n8n-nodes-ticketing-zaia',
		);
	});

	it('refuses an unknown node type of the combined pack and a mixed-up prefix, naming each, and writes nothing', () => {
		const folder = join(work, 'export');
		mkdirSync(folder);
		const good = mixedWorkflow();
		const bad = exported('badWf0000000001', 'Hand-edited', [
			node('Future node', `${COMBINED}.freshdesk`),
			node('Blind replace', 'n8n-nodes-ticketing-zaia.gorgias'),
			node('Unknown in package', 'n8n-nodes-ticketing-zaia.zaiaSomething'),
			node('Someone else', 'n8n-nodes-ticketing-extra.whatever'),
		]);
		writeFileSync(join(folder, 'a.json'), JSON.stringify(good));
		writeFileSync(join(folder, 'b.json'), JSON.stringify(bad));

		const run = migrate(folder);
		expect(run.code).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr.split('\n')).toEqual([
			expect.stringMatching(
				/^b\.json: workflow "Hand-edited" \(badWf0000000001\): node "Future node": unknown node type "n8n-nodes-ticketing\.freshdesk": the combined pack has no node "freshdesk"/,
			),
			'b.json: workflow "Hand-edited" (badWf0000000001): node "Blind replace": node type "n8n-nodes-ticketing-zaia.gorgias" mixes two providers (a blind replacement of the prefix?): "gorgias" is in n8n-nodes-ticketing-gorgias, so the type is "n8n-nodes-ticketing-gorgias.gorgias"',
			'b.json: workflow "Hand-edited" (badWf0000000001): node "Unknown in package": unknown node type "n8n-nodes-ticketing-zaia.zaiaSomething": n8n-nodes-ticketing-zaia has no node "zaiaSomething"',
			'refused: 3 node type(s) not migrated; no file was written',
			'',
		]);
		// Not even the file that could be migrated was written.
		expect(readJson<Workflow>(join(folder, 'a.json'))).toEqual(good);
	});

	it('refuses what is not a workflow export, and a bad command line', () => {
		const file = join(work, 'credentials.json');
		writeFileSync(file, JSON.stringify([{ id: 'c1', name: 'Zaia', type: 'zaiaApi', data: {} }]));
		const notWorkflows = migrate(file);
		expect(notWorkflows.code).toBe(1);
		expect(notWorkflows.stderr).toContain('not an n8n workflow export');

		const usage = migrate();
		expect(usage.code).toBe(2);
		expect(usage.stderr).toContain('usage: node migrate-workflows.mjs');
	});

	it("rewrites the repository's examples as the build writes the per-provider packages' examples", () => {
		const out = join(work, 'examples');
		const run = migrate(join(REPO_ROOT, 'examples'), '--output', out);
		expect(run.code).toBe(0);
		let compared = 0;
		for (const pkg of PER_PROVIDER) {
			for (const file of readdirSync(join(pkg.dir, 'examples'))) {
				expect(readJson(join(out, file))).toEqual(readJson(join(pkg.dir, 'examples', file)));
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(0);
		// The two-provider examples, which no package ships, come out with both packages' types.
		expect(
			readJson<Workflow>(join(out, 'zaia-escalate-handovers-to-gorgias.json')).nodes.map(
				(each) => each.type,
			),
		).toEqual(
			expect.arrayContaining([
				'n8n-nodes-ticketing-zaia.zaiaTrigger',
				'n8n-nodes-ticketing-gorgias.gorgias',
			]),
		);
	});

	it('--dry-run reports and writes nothing', () => {
		const file = join(work, 'export.json');
		writeFileSync(file, JSON.stringify(mixedWorkflow()));
		const run = migrate(file, '--dry-run');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(
			'5 node(s) to move, 1 file(s) to write (dry run: nothing written)',
		);
		expect(readJson<Workflow>(file)).toEqual(mixedWorkflow());
	});
});
