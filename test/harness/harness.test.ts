/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import {
	callListSearch,
	callLoadOptions,
	loadPackage,
	PROJECT_ROOT,
	runNode,
	testCredential,
	TEST_ITEMS_NODE_NAME,
} from '../../dev/harness';

const FIXTURE_ROOT = join(__dirname, 'fixtures', 'echo-package');
const ECHO = 'n8n-nodes-harness-fixture.echo';
const API_KEY = 'k-123';

interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: unknown;
}

/** A loopback API that records every request and answers per path. */
function startServer(): Promise<{ server: Server; baseUrl: string; received: ReceivedRequest[] }> {
	const received: ReceivedRequest[] = [];
	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const request: ReceivedRequest = {
				method: req.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: raw ? (JSON.parse(raw) as unknown) : undefined,
			};
			received.push(request);
			const reply = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			const authorized =
				req.headers['x-api-key'] === API_KEY || req.headers.authorization === API_KEY;
			if (!authorized) return reply(401, { message: 'bad key' });
			switch (url.pathname) {
				case '/echo':
					return reply(200, { echoed: request.body });
				case '/broken':
					return reply(500, { message: 'exploded' });
				case '/missing':
					return reply(404, { message: 'no such thing' });
				case '/whoami':
				case '/api/v1/ticketing-teams':
					return reply(200, { ok: true });
				case '/things': {
					const all = ['alpha', 'beta', 'gamma'].filter((n) =>
						n.includes(url.searchParams.get('filter') ?? ''),
					);
					const start = Number(url.searchParams.get('cursor') || 0);
					const page = all.slice(start, start + 2);
					const next = start + 2 < all.length ? String(start + 2) : '';
					return reply(200, { things: page.map((name) => ({ id: `id-${name}`, name })), next });
				}
				case '/kinds':
					return reply(200, ['small', 'large']);
				default:
					return reply(404, { message: 'unknown route' });
			}
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({ server, baseUrl: `http://127.0.0.1:${port}`, received });
		});
	});
}

let server: Server;
let baseUrl: string;
let received: ReceivedRequest[];

beforeAll(async () => {
	({ server, baseUrl, received } = await startServer());
	await loadPackage(FIXTURE_ROOT);
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	received.length = 0;
});

const echoCredentials = () => ({ echoApi: { apiKey: `Bearer ${API_KEY}`, baseUrl } });

describe('loadPackage', () => {
	it('loads a package through its package.json n8n block', async () => {
		const pkg = await loadPackage(FIXTURE_ROOT);
		expect(pkg.packageName).toBe('n8n-nodes-harness-fixture');
		expect(pkg.knownNodeTypes).toEqual([ECHO]);
		expect(pkg.knownCredentialTypes).toEqual(['echoApi']);
		expect(pkg.nodeTypes.getByNameAndVersion(ECHO).description.displayName).toBe('Echo');
		expect(pkg.credentialTypes.getSupportedNodes('echoApi')).toEqual([ECHO]);
		// Cached: the same object on every call in this file.
		expect(await loadPackage(FIXTURE_ROOT)).toBe(pkg);
	});
});

describe('runNode', () => {
	it('sends one authenticated request per item and pairs every output item', async () => {
		const result = await runNode({
			node: { type: ECHO, parameters: { path: '/echo' } },
			items: [{ n: 1 }, { n: 2, text: '={{ not evaluated }}' }],
			credentials: echoCredentials(),
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { echoed: { n: 1 } }, pairedItem: { item: 0 } },
			{ json: { echoed: { n: 2, text: '={{ not evaluated }}' } }, pairedItem: { item: 1 } },
		]);
		expect(received).toHaveLength(2);
		for (const request of received) {
			expect(request.method).toBe('POST');
			expect(request.path).toBe('/echo');
			// The credential's generic authenticate, expressions evaluated by n8n: the pasted
			// "Bearer " prefix is stripped, and the unset `region` falls back to its default.
			expect(request.headers['x-api-key']).toBe(API_KEY);
			expect(request.headers['x-region']).toBe('eu');
			expect(request.query).toEqual({ source: 'harness' });
		}
		expect(received.map((r) => r.body)).toEqual([{ n: 1 }, { n: 2, text: '={{ not evaluated }}' }]);

		// The trigger fixture emitted the items, the run finished successfully.
		const { runData } = result.run.data.resultData;
		expect(runData[TEST_ITEMS_NODE_NAME][0].data?.main[0]).toHaveLength(2);
		expect(result.run.status).toBe('success');
	});

	it('evaluates node parameter expressions per item', async () => {
		const result = await runNode({
			node: { type: ECHO, name: 'Echo it', parameters: { path: '={{ $json.route }}' } },
			items: [{ route: '/echo' }],
			credentials: echoCredentials(),
		});
		expect(result.items).toEqual([
			{ json: { echoed: { route: '/echo' } }, pairedItem: { item: 0 } },
		]);
		expect(result.run.data.resultData.runData['Echo it']).toHaveLength(1);
	});

	it('with continueOnFail, the node turns a failure into an { error } item', async () => {
		const result = await runNode({
			node: { type: ECHO, parameters: { path: '={{ $json.route }}' }, continueOnFail: true },
			items: [{ route: '/broken' }, { route: '/echo' }],
			credentials: echoCredentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0]).toEqual({
			json: { error: expect.any(String) as unknown },
			pairedItem: { item: 0 },
		});
		expect(result.items[1]).toEqual({
			json: { echoed: { route: '/echo' } },
			pairedItem: { item: 1 },
		});
		expect(result.run.status).toBe('success');
	});

	it('surfaces a NodeApiError of the node under test', async () => {
		const result = await runNode({
			node: { type: ECHO, parameters: { path: '={{ $json.route }}' } },
			items: [{ route: '/echo' }, { route: '/missing' }],
			credentials: echoCredentials(),
		});
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404', itemIndex: 1 });
		expect(result.error?.message).toEqual(expect.any(String));
		expect(result.run.status).toBe('error');
		expect(result.run.data.resultData.error).toBeDefined();
		// Nothing leaks the key into the recorded error.
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain(API_KEY);
	});

	it('fails clearly when the test gives no credentials for the node', async () => {
		const result = await runNode({
			node: {
				type: ECHO,
				parameters: { path: '/echo' },
				credentials: { echoApi: { id: 'x', name: 'x' } },
			},
			credentials: {},
		});
		expect(result.error?.message).toContain('no credentials of type "echoApi"');
		expect(received).toHaveLength(0);
	});
});

describe('editor methods', () => {
	it('callListSearch runs the listSearch method with filter and pagination', async () => {
		const first = await callListSearch({
			nodeType: ECHO,
			method: 'searchThings',
			credentials: echoCredentials(),
		});
		expect(first).toEqual({
			results: [
				{ name: 'alpha', value: 'id-alpha' },
				{ name: 'beta', value: 'id-beta' },
			],
			paginationToken: '2',
		});
		const second = await callListSearch({
			nodeType: ECHO,
			method: 'searchThings',
			paginationToken: first.paginationToken as string,
			credentials: echoCredentials(),
		});
		expect(second).toEqual({
			results: [{ name: 'gamma', value: 'id-gamma' }],
			paginationToken: undefined,
		});
		const filtered = await callListSearch({
			nodeType: ECHO,
			method: 'searchThings',
			filter: 'et',
			credentials: echoCredentials(),
		});
		expect(filtered.results).toEqual([{ name: 'beta', value: 'id-beta' }]);
		expect(received.map((r) => r.query)).toEqual([
			{ filter: '', cursor: '', source: 'harness' },
			{ filter: '', cursor: '2', source: 'harness' },
			{ filter: 'et', cursor: '', source: 'harness' },
		]);
		expect(received.every((r) => r.headers['x-api-key'] === API_KEY)).toBe(true);
	});

	it('callLoadOptions sees the current node parameters', async () => {
		const options = await callLoadOptions({
			nodeType: ECHO,
			method: 'getKinds',
			parameters: { path: '/v2' },
			credentials: echoCredentials(),
		});
		expect(options).toEqual([
			{ name: '/v2:small', value: 'small' },
			{ name: '/v2:large', value: 'large' },
		]);
	});
});

describe('testCredential', () => {
	it('is OK when the test request succeeds with the credential applied', async () => {
		const result = await testCredential({ type: 'echoApi', data: { apiKey: API_KEY, baseUrl } });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({ method: 'GET', path: '/whoami' });
		expect(received[0].headers['x-api-key']).toBe(API_KEY);
	});

	it('is an Error with the HTTP status when the API refuses the key', async () => {
		const result = await testCredential({ type: 'echoApi', data: { apiKey: 'wrong', baseUrl } });
		expect(result.status).toBe('Error');
		expect(result.httpCode).toBe(401);
		expect(result.message).not.toContain('wrong');
	});

	it('is an Error when the API cannot be reached', async () => {
		const result = await testCredential({
			type: 'echoApi',
			data: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1' },
		});
		expect(result.status).toBe('Error');
		expect(result.httpCode).toBeUndefined();
	});
});

/** The project's own built package, once every file its package.json lists has been built. */
function projectDistReady(): boolean {
	const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	return [...pkg.n8n.nodes, ...pkg.n8n.credentials].every((file) =>
		existsSync(join(PROJECT_ROOT, file)),
	);
}

describe('this package (built dist/)', () => {
	const itWhenBuilt = projectDistReady() ? it : it.skip;

	itWhenBuilt(
		'sends a pasted "Bearer <key>" Zaia key as the raw key in authorization',
		async () => {
			const pkg = await loadPackage();
			expect(pkg.packageName).toBe('n8n-nodes-ticketing');
			expect(pkg.knownCredentialTypes).toContain('zaiaApi');

			const result = await testCredential({
				type: 'zaiaApi',
				data: { apiKey: `  Bearer ${API_KEY} `, baseUrl: `${baseUrl}/` },
			});
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(received).toHaveLength(1);
			expect(received[0]).toMatchObject({
				method: 'GET',
				path: '/api/v1/ticketing-teams',
				query: { pageNumber: '1', pageSize: '1' },
			});
			expect(received[0].headers.authorization).toBe(API_KEY);
		},
	);
});
