/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { execFileSync, spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { loadPackage, PROJECT_ROOT } from '../dev/harness';

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	keywords: string[];
	license: string;
	files: string[];
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
};

interface ProviderManifest {
	name: string;
	version: string;
	license: string;
	keywords: string[];
	homepage: string;
	files: string[];
	repository: { type: string; url: string; directory: string };
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
}

/** The per-provider packages as committed under packages/. */
const PROVIDERS = readdirSync(join(PROJECT_ROOT, 'packages')).map((folder) => {
	const dir = join('packages', folder);
	return {
		folder,
		dir,
		manifest: JSON.parse(
			readFileSync(join(PROJECT_ROOT, dir, 'package.json'), 'utf8'),
		) as ProviderManifest,
	};
});

/** What a tarball may hold: what n8n loads, and the three documents npm shows. */
const SHIPPABLE = [
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/,
	/^dist\/icons\/[^/]+\.svg$/,
	/^(README|LICENSE|CHANGELOG)\.md$/,
	/^package\.json$/,
];

interface PackFile {
	path: string;
}

interface PackReport {
	files: PackFile[];
	size: number;
	unpackedSize: number;
}

/** What `npm pack` would put into the tarball of the package in `dir`. */
function packReport(dir: string): PackReport {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: dir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	return (JSON.parse(output) as PackReport[])[0];
}

/** The files `npm pack` puts into the tarball of the package in `dir`. */
function packedFiles(dir: string): string[] {
	return packReport(dir)
		.files.map((file) => file.path)
		.sort();
}

/** The four packages: the combined pack at the root, then each provider's, by absolute folder. */
const ALL_PACKAGES = [
	{ name: 'n8n-nodes-ticketing', dir: PROJECT_ROOT },
	...PROVIDERS.map(({ manifest, dir }) => ({ name: manifest.name, dir: join(PROJECT_ROOT, dir) })),
];

const notShippable = (paths: string[]) =>
	paths.filter((path) => !SHIPPABLE.some((pattern) => pattern.test(path)));

describe('npm test', () => {
	it('tests the build it made itself: dist/ and packages/ are newer than this run', () => {
		// set by test/global-setup.js just before it runs `npm run build`
		const startedAt = Number(process.env.TICKETING_BUILD_STARTED_AT);
		expect(startedAt).toBeGreaterThan(0);
		const built = [
			...packageJson.n8n.nodes,
			...packageJson.n8n.credentials,
			...PROVIDERS.flatMap(({ dir, manifest }) =>
				[...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => join(dir, file)),
			),
		];
		for (const file of built) {
			expect(statSync(join(PROJECT_ROOT, file)).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
		}
	});
});

describe('every package', () => {
	it.each(ALL_PACKAGES)(
		'$name installs with the plain `npm install` of n8n up to 1.88, without fetching n8n-workflow',
		({ dir }) => {
			const work = mkdtempSync(join(tmpdir(), 'plain-install-'));
			try {
				const [{ filename }] = JSON.parse(
					execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
						cwd: dir,
						encoding: 'utf8',
						stdio: ['ignore', 'pipe', 'ignore'],
					}),
				) as Array<{ filename: string }>;
				// what those n8n versions ran in ~/.n8n/nodes: npm install <package>, scripts on.
				// npm >= 7 installs a required peer (n8n-workflow 2.x pulls isolated-vm, whose
				// build fails on Node 20); the peer is optional, so n8n's own copy is used instead.
				execFileSync(
					'npm',
					['install', join(work, filename), '--no-audit', '--no-fund', '--ignore-scripts=false'],
					{
						cwd: work,
						stdio: 'ignore',
						env: { ...process.env, npm_config_ignore_scripts: 'false' },
					},
				);
				const installed = readdirSync(join(work, 'node_modules'));
				expect(installed.filter((entry) => !entry.startsWith('.'))).toEqual([
					JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name,
				]);
			} finally {
				rmSync(work, { recursive: true, force: true });
			}
		},
	);
});

/** Runs scripts/packages/sources.mjs: whether the scanner's source leg lints what each package ships. */
function sourceLegCheck(sourceDir?: string) {
	const run = spawnSync(
		'node',
		[join(PROJECT_ROOT, 'scripts', 'packages', 'sources.mjs'), ...(sourceDir ? [sourceDir] : [])],
		{ cwd: PROJECT_ROOT, encoding: 'utf8' },
	);
	return { status: run.status, lines: run.stdout.trim().split('\n') };
}

describe("the n8n scanner's source leg", () => {
	it('lints, for every package, the source of every node, credential and codex file it ships', () => {
		const { status, lines } = sourceLegCheck();
		expect(lines).toHaveLength(ALL_PACKAGES.length);
		for (const { name } of ALL_PACKAGES) {
			const line = lines.find((entry) => entry.startsWith(`✔ ${name} source`));
			expect(line).toBeDefined();
		}
		expect(status).toBe(0);
		const gorgias = lines.find((line) => line.includes('n8n-nodes-ticketing-gorgias '));
		expect(gorgias).toContain('(packages/n8n-nodes-ticketing-gorgias)');
	});

	it('fails when a per-provider folder holds only its package.json, README and examples', () => {
		const work = mkdtempSync(join(tmpdir(), 'old-layout-'));
		try {
			const tracked = execFileSync('git', ['ls-files', '-z'], {
				cwd: PROJECT_ROOT,
				encoding: 'utf8',
			})
				.split('\0')
				.filter(Boolean)
				.filter((path) => !/^packages\/[^/]+\/(nodes|credentials|icons)\//.test(path));
			for (const path of tracked) {
				if (!existsSync(join(PROJECT_ROOT, path))) continue;
				mkdirSync(dirname(join(work, path)), { recursive: true });
				cpSync(join(PROJECT_ROOT, path), join(work, path));
			}
			const { status, lines } = sourceLegCheck(work);
			expect(status).toBe(1);
			expect(lines.find((line) => line.startsWith('✔ n8n-nodes-ticketing source'))).toBeDefined();
			for (const { manifest } of PROVIDERS) {
				expect(lines.find((line) => line.startsWith(`✖ ${manifest.name} source`))).toMatch(
					/lints 1 files, misses (\d+) of the \1 sources/,
				);
			}
		} finally {
			rmSync(work, { recursive: true, force: true });
		}
	});
});

describe('docs/packages.md', () => {
	it('says every tarball is under 150 kB packed, and each is', () => {
		const page = readFileSync(join(PROJECT_ROOT, 'docs', 'packages.md'), 'utf8');
		expect(page).toMatch(/under\s+150 kB packed/);
		for (const { dir } of ALL_PACKAGES) expect(packReport(dir).size).toBeLessThan(150_000);
	});
});

describe('the combined pack (n8n-nodes-ticketing)', () => {
	it('is a verification-ready community package: no runtime dependencies, strict n8n block', () => {
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(Object.keys(packageJson.peerDependencies ?? {})).toEqual(['n8n-workflow']);
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		expect(packageJson.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(file).toMatch(/^dist\/.+\.js$/);
		}
	});

	it('packs only what n8n loads, README, LICENSE and CHANGELOG: no screenshots, maps or sources', () => {
		const paths = packedFiles(PROJECT_ROOT);
		expect(notShippable(paths)).toEqual([]);
		expect(paths.filter((path) => !path.startsWith('dist/'))).toEqual([
			'CHANGELOG.md',
			'LICENSE.md',
			'README.md',
			'package.json',
		]);
		// the build still makes the README's screenshots' folder go away before anything packs it
		expect(existsSync(join(PROJECT_ROOT, 'dist', 'docs'))).toBe(false);
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(paths).toContain(file);
			const codex = file.replace(/\.js$/, '.json');
			if (file.includes('/nodes/')) expect(paths).toContain(codex);
		}
		expect(paths).toEqual(
			expect.arrayContaining(['dist/icons/zaia.svg', 'dist/icons/zaia.dark.svg']),
		);
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
		// the combined pack's credentials link the combined README's section of their provider
		for (const credential of loaded.knownCredentialTypes) {
			expect(loaded.loader.getCredential(credential).type.documentationUrl).toMatch(
				/^https:\/\/github\.com\/n8n-nodes-ticketing\/n8n-nodes-ticketing#(gorgias|gurusup|zaia)$/,
			);
		}
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
				events: ['anyEvent', 'customerWaiting', 'newTicket', 'ticketClosed', 'ticketUpdated'],
			},
			'n8n-nodes-ticketing.guruSupTrigger': {
				credentials: ['guruSupApi'],
				events: ['customerWaiting', 'newTicket'],
			},
			'n8n-nodes-ticketing.zaiaTrigger': {
				credentials: ['zaiaApi'],
				events: ['newTicket', 'ticketCompleted', 'customerWaiting', 'newChatMessage'],
			},
		};
		const instant = 'n8n-nodes-ticketing.gorgiasInstantTrigger';
		expect([...Object.keys(expected), ...Object.keys(triggers), instant].sort()).toEqual(
			[...loaded.knownNodeTypes].sort(),
		);
		// The webhook trigger: no polling, one default webhook with the full lifecycle.
		const webhookNode = loaded.nodeTypes.getByNameAndVersion(instant);
		expect(webhookNode.description.polling).toBeUndefined();
		expect(webhookNode.description.usableAsTool).toBeUndefined();
		expect(webhookNode.description.webhooks?.map((hook) => hook.name)).toEqual(['default']);
		expect(Object.keys(webhookNode.webhookMethods?.default ?? {}).sort()).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
		const events = webhookNode.description.properties.find(
			(property) => property.name === 'events',
		);
		expect((events?.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
			'ticket-created',
			'ticket-message-created',
			'ticket-updated',
		]);
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

/** What each per-provider package must hold: one service's nodes and credentials, nothing else. */
const ONE_SERVICE: Record<string, { folder: string; nodes: string[]; credentials: string[] }> = {
	'n8n-nodes-ticketing-gorgias': {
		folder: 'Gorgias',
		nodes: ['gorgias', 'gorgiasInstantTrigger', 'gorgiasTrigger'],
		credentials: ['gorgiasApi', 'gorgiasOAuth2Api'],
	},
	'n8n-nodes-ticketing-gurusup': {
		folder: 'GuruSup',
		nodes: ['guruSup', 'guruSupTrigger'],
		credentials: ['guruSupApi'],
	},
	'n8n-nodes-ticketing-zaia': {
		folder: 'Zaia',
		nodes: ['zaia', 'zaiaTrigger'],
		credentials: ['zaiaApi'],
	},
};
const PROVIDER_FOLDERS = Object.values(ONE_SERVICE).map(({ folder }) => folder);

describe('the per-provider packages', () => {
	it('are exactly the three providers, versioned in lockstep with the combined pack', () => {
		expect(PROVIDERS.map(({ manifest }) => manifest.name).sort()).toEqual(
			Object.keys(ONE_SERVICE).sort(),
		);
		for (const { folder, manifest } of PROVIDERS) {
			expect(manifest.name).toBe(folder);
			expect(manifest.version).toBe((packageJson as unknown as { version: string }).version);
		}
		// together they are the combined pack, file for file
		const union = (pick: (n8n: ProviderManifest['n8n']) => string[]) =>
			PROVIDERS.flatMap(({ manifest }) => pick(manifest.n8n)).sort();
		expect(union((n8n) => n8n.nodes)).toEqual([...packageJson.n8n.nodes].sort());
		expect(union((n8n) => n8n.credentials)).toEqual([...packageJson.n8n.credentials].sort());
	});

	describe.each(PROVIDERS)('$folder', ({ dir, manifest }) => {
		const service = ONE_SERVICE[manifest.name];
		const others = PROVIDER_FOLDERS.filter((folder) => folder !== service.folder);
		const otherIcons = others.map((folder) => `dist/icons/${folder.toLowerCase()}.`);

		it('has a verification-ready package.json naming only its own service', () => {
			expect(manifest.dependencies ?? {}).toEqual({});
			expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
			expect(manifest.license).toBe('MIT');
			expect(manifest.keywords).toContain('n8n-community-node-package');
			expect(manifest.name).toMatch(/^n8n-nodes-/);
			expect(manifest.repository).toEqual({
				type: 'git',
				url: (packageJson as unknown as { repository: { url: string } }).repository.url,
				directory: dir,
			});
			expect(manifest.homepage).toContain(dir);
			expect(manifest.files).toEqual(['dist', 'CHANGELOG.md']);
			expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
			for (const file of manifest.n8n.nodes) {
				expect(file).toMatch(new RegExp(`^dist/nodes/${service.folder}/[^/]+\\.node\\.js$`));
			}
			for (const file of manifest.n8n.credentials) {
				expect(file).toMatch(
					new RegExp(`^dist/credentials/${service.folder}[^/]*\\.credentials\\.js$`),
				);
			}
		});

		it("packs only what n8n loads for this service: no other provider's code or icons, no PNG", () => {
			const paths = packedFiles(join(PROJECT_ROOT, dir));
			expect(notShippable(paths)).toEqual([]);
			expect(paths.filter((path) => others.some((folder) => path.includes(`/${folder}`)))).toEqual(
				[],
			);
			expect(paths.filter((path) => otherIcons.some((icon) => path.startsWith(icon)))).toEqual([]);
			const lower = service.folder.toLowerCase();
			expect(paths).toEqual(
				expect.arrayContaining([
					...manifest.n8n.nodes,
					...manifest.n8n.nodes.map((file) => file.replace(/\.js$/, '.json')),
					...manifest.n8n.credentials,
					`dist/icons/${lower}.svg`,
					`dist/icons/${lower}.dark.svg`,
					'dist/nodes/shared/transport.js',
					'README.md',
					'LICENSE.md',
					'CHANGELOG.md',
				]),
			);
		});

		it("loads alone through n8n-core's package loader with exactly its nodes and credentials", async () => {
			const loaded = await loadPackage(join(PROJECT_ROOT, dir));
			expect(loaded.packageName).toBe(manifest.name);
			expect([...loaded.knownNodeTypes].sort()).toEqual(
				service.nodes.map((node) => `${manifest.name}.${node}`).sort(),
			);
			expect([...loaded.knownCredentialTypes].sort()).toEqual(service.credentials);

			// the same nodes as the combined pack's, parameter for parameter
			const combined = await loadPackage();
			for (const node of service.nodes) {
				const own = loaded.nodeTypes.getByNameAndVersion(`${manifest.name}.${node}`).description;
				const same = combined.nodeTypes.getByNameAndVersion(
					`${combined.packageName}.${node}`,
				).description;
				expect(own.properties.length).toBeGreaterThan(0);
				expect(JSON.stringify(own.properties)).toBe(JSON.stringify(same.properties));
				expect(own.credentials).toEqual(same.credentials);
				// its icons are served from this package
				expect(own.iconUrl).toEqual({
					light: expect.stringContaining(`icons/${manifest.name}/`),
					dark: expect.stringContaining(`icons/${manifest.name}/`),
				});
			}
		});

		it("links its credentials' documentation to its own README, not the combined one", async () => {
			const loaded = await loadPackage(join(PROJECT_ROOT, dir));
			const readme = manifest.homepage.replace(/#.*$/, '');
			expect(readme).toContain(`/packages/${manifest.name}`);
			expect(readFileSync(join(PROJECT_ROOT, dir, 'README.md'), 'utf8')).toMatch(
				/^## Credentials$/m,
			);
			expect(loaded.knownCredentialTypes.length).toBeGreaterThan(0);
			// this package's own loader: the shared registry answers a name with the first package
			// that has it, which may be the combined pack
			for (const credential of loaded.knownCredentialTypes) {
				expect(loaded.loader.getCredential(credential).type.documentationUrl).toBe(
					`${readme}#credentials`,
				);
			}
			// the source the scanner lints for this package carries the same link
			for (const file of manifest.n8n.credentials) {
				const source = readFileSync(
					join(PROJECT_ROOT, dir, file.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
					'utf8',
				);
				expect(source).toContain(`documentationUrl = '${readme}#credentials'`);
			}
		});

		it('has a README that names every operation, event, credential and example it ships', async () => {
			const readme = readFileSync(join(PROJECT_ROOT, dir, 'README.md'), 'utf8');
			const loaded = await loadPackage(join(PROJECT_ROOT, dir));
			const named: string[] = [];
			for (const type of loaded.knownNodeTypes) {
				const { properties } = loaded.nodeTypes.getByNameAndVersion(type).description;
				for (const property of properties.filter((entry) =>
					['operation', 'event'].includes(entry.name),
				)) {
					for (const option of (property.options ?? []) as Array<{ name: string }>)
						named.push(option.name);
				}
			}
			for (const credential of loaded.knownCredentialTypes) {
				named.push(loaded.credentialTypes.getByName(credential).displayName);
			}
			named.push(manifest.name, ...readdirSync(join(PROJECT_ROOT, dir, 'examples')));
			expect(named.length).toBeGreaterThan(5);
			expect([...new Set(named)].filter((name) => !readme.includes(name))).toEqual([]);
		});

		it('names its node types in its codex files and examples', () => {
			for (const file of manifest.n8n.nodes) {
				const codex = JSON.parse(
					readFileSync(join(PROJECT_ROOT, dir, file.replace(/\.js$/, '.json')), 'utf8'),
				) as { node: string; resources: Record<string, Array<{ url: string }>> };
				expect(service.nodes.map((node) => `${manifest.name}.${node}`)).toContain(codex.node);
				for (const links of Object.values(codex.resources)) {
					for (const link of links) expect(link.url).toBe(manifest.homepage);
				}
			}
			const examples = readdirSync(join(PROJECT_ROOT, dir, 'examples'));
			expect(examples.length).toBeGreaterThan(0);
			for (const file of examples) {
				const text = readFileSync(join(PROJECT_ROOT, dir, 'examples', file), 'utf8');
				const types = (JSON.parse(text) as { nodes: Array<{ type: string }> }).nodes
					.map((node) => node.type)
					.filter((type) => type.startsWith('n8n-nodes-ticketing'));
				expect(types.length).toBeGreaterThan(0);
				for (const type of types) {
					expect(service.nodes.map((node) => `${manifest.name}.${node}`)).toContain(type);
				}
				// the same workflow as examples/ apart from the package name in the node types
				const original = readFileSync(join(PROJECT_ROOT, 'examples', file), 'utf8');
				expect(text).toBe(original.split('"n8n-nodes-ticketing.').join(`"${manifest.name}.`));
			}
		});
	});
});
