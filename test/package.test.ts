/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadPackage, PROJECT_ROOT } from './harness';

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	keywords: string[];
	license: string;
	files: string[];
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
};

describe('the published package', () => {
	it('is a verification-ready community package: no runtime dependencies, strict n8n block', () => {
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(Object.keys(packageJson.peerDependencies ?? {})).toEqual(['n8n-workflow']);
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		// CHANGELOG is listed because npm does not include it by itself
		expect(packageJson.files).toEqual(['dist', 'CHANGELOG.md']);
		expect(packageJson.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(file).toMatch(/^dist\/.+\.js$/);
		}
	});

	it('packs only dist, README, LICENSE, CHANGELOG and package.json', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: PROJECT_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
		const paths = pack.files.map((file) => file.path);
		const outsideDist = paths.filter((path) => !path.startsWith('dist/')).sort();
		expect(outsideDist).toEqual(['CHANGELOG.md', 'LICENSE.md', 'README.md', 'package.json']);
		// what n8n loads is in the tarball, tests and sources are not
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(paths).toContain(file);
		}
		expect(paths).toEqual(
			expect.arrayContaining(['dist/icons/zaia.svg', 'dist/icons/zaia.dark.svg']),
		);
		expect(paths.filter((path) => /\.test\.|(^|\/)test\//.test(path))).toEqual([]);
		expect(paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
		expect(paths.filter((path) => path.endsWith('.tsbuildinfo'))).toEqual([]);
	});

	it("loads through n8n-core's package loader with every node and credential", async () => {
		const loaded = await loadPackage();
		expect(loaded.packageName).toBe('n8n-nodes-ticketing');
		expect(loaded.knownNodeTypes).toEqual(
			expect.arrayContaining(['n8n-nodes-ticketing.zaia', 'n8n-nodes-ticketing.guruSup']),
		);
		expect([...loaded.knownCredentialTypes].sort()).toEqual([
			'gorgiasApi',
			'gorgiasOAuth2Api',
			'guruSupApi',
			'zaiaApi',
		]);
		expect(loaded.knownNodeTypes).toHaveLength(packageJson.n8n.nodes.length);
		expect(loaded.knownCredentialTypes).toHaveLength(packageJson.n8n.credentials.length);

		const operationsOf = (type: string) => {
			const node = loaded.nodeTypes.getByNameAndVersion(type);
			const property = node.description.properties.find(
				(candidate) => candidate.name === 'operation',
			);
			return (property?.options ?? []) as Array<{ value: string; action?: string }>;
		};
		const expected: Record<string, { credentials: string[]; operations: string[] }> = {
			'n8n-nodes-ticketing.gorgias': {
				credentials: ['gorgiasApi', 'gorgiasOAuth2Api'],
				operations: [
					'addTags',
					'assign',
					'complete',
					'create',
					'delete',
					'get',
					'getMany',
					'removeTags',
					'reopen',
					'replaceTags',
					'takeOver',
					'update',
				],
			},
			'n8n-nodes-ticketing.zaia': {
				credentials: ['zaiaApi'],
				operations: [
					'addTags',
					'assign',
					'complete',
					'create',
					'get',
					'getMany',
					'removeTags',
					'takeOver',
				],
			},
			// GuruSup has no endpoints to complete or tag: those must not be offered
			'n8n-nodes-ticketing.guruSup': {
				credentials: ['guruSupApi'],
				operations: ['assign', 'create', 'get', 'getMany', 'takeOver', 'update'],
			},
		};
		const triggers: Record<string, { credentials: string[]; events: string[] }> = {
			'n8n-nodes-ticketing.gorgiasTrigger': {
				credentials: ['gorgiasApi', 'gorgiasOAuth2Api'],
				events: ['newTicket', 'ticketClosed', 'ticketUpdated'],
			},
			'n8n-nodes-ticketing.guruSupTrigger': { credentials: ['guruSupApi'], events: ['newTicket'] },
			'n8n-nodes-ticketing.zaiaTrigger': {
				credentials: ['zaiaApi'],
				events: ['newTicket', 'ticketCompleted'],
			},
		};
		expect([...Object.keys(expected), ...Object.keys(triggers)].sort()).toEqual(
			[...loaded.knownNodeTypes].sort(),
		);
		for (const [type, { credentials, events }] of Object.entries(triggers)) {
			const node = loaded.nodeTypes.getByNameAndVersion(type);
			expect(node.description.polling).toBe(true);
			// triggers are not AI tools
			expect(node.description.usableAsTool).toBeUndefined();
			expect(node.description.credentials?.map((credential) => credential.name)).toEqual(
				credentials,
			);
			const event = node.description.properties.find((property) => property.name === 'event');
			expect((event?.options as Array<{ value: string }>).map((option) => option.value)).toEqual(
				events,
			);
		}
		for (const [type, { credentials, operations }] of Object.entries(expected)) {
			const node = loaded.nodeTypes.getByNameAndVersion(type);
			expect(node.description.usableAsTool).toBe(true);
			expect(node.description.credentials?.map((credential) => credential.name)).toEqual(
				credentials,
			);
			expect(node.description.credentials?.every((credential) => credential.required)).toBe(true);
			expect(operationsOf(type).map((option) => option.value)).toEqual(operations);
			expect(operationsOf(type).every((option) => !!option.action)).toBe(true);
		}
	});
});
