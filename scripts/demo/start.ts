/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- the demo runner is a development tool in plain Node, never packaged */
/**
 * `npm start`: try the pack without any provider account. Starts the three loopback provider
 * sandboxes with demo data, a real n8n with the pack installed as from the Community Nodes
 * screen, credentials pointing at the sandboxes and the examples imported; prints where to log
 * in. Ctrl-C stops everything.
 *
 * The setup is `startDemo()`, also used by `npm run screenshots` (scripts/screenshots/take.ts)
 * and `npm run video` (scripts/video/record.ts), which installs one provider's package instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	createUserFolder,
	importCredentials,
	importWorkflows,
	N8nServer,
	newN8nId,
	REPO_ROOT,
} from '../../dev/n8n';
import type { CredentialFile, OwnerAccount, WorkflowFile } from '../../dev/n8n';
import type { Provider, ProviderSandboxes } from '../../dev/providers';
import {
	PROVIDER_KEYS,
	PROVIDERS,
	sandboxApiUrl,
	sandboxCredential,
	startProviderSandboxes,
} from '../../dev/providers';

const PORT = Number(process.env.DEMO_PORT ?? 5678);

export interface DemoOptions {
	/** The editor's port (default: DEMO_PORT or 5678; 0 picks a free one). */
	port?: number;
	/**
	 * Install this provider's own package (packages/<packageName>, built) instead of the combined
	 * pack, and import only its examples: the editor then shows that package's nodes alone.
	 */
	provider?: Provider;
	/** Import the demo credentials and the examples (default true); false leaves n8n empty. */
	imports?: boolean;
}

export interface Demo {
	server: N8nServer;
	owner: OwnerAccount;
	/** Each provider's sandbox, as its demo credential reaches it. */
	sandboxes: Record<Provider, string>;
	/** The running sandboxes themselves (to add data while the demo runs). */
	providerSandboxes: ProviderSandboxes;
	/** Stops n8n and the sandboxes and removes the user folder; safe to call more than once. */
	stop(): Promise<void>;
}

/**
 * Starts the sandboxes with demo data and n8n with the pack, the demo credentials and the
 * examples, and sets up the owner. On failure, whatever had started is stopped again.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
	const port = options.port ?? PORT;
	const packageName = options.provider && PROVIDERS[options.provider].packageName;
	const packageDir = packageName ? join('packages', packageName) : '.';
	console.log('Starting the provider sandboxes with demo data…');
	const sandboxes = await startProviderSandboxes();
	const { zaia, gorgias } = sandboxes;
	const stopSandboxes = async () => {
		await Promise.all(PROVIDER_KEYS.map((key) => sandboxes[key].stop()));
	};
	let folder: Awaited<ReturnType<typeof createUserFolder>> | undefined;
	let server: N8nServer | undefined;
	let started = false;
	try {
		for (const key of PROVIDER_KEYS) sandboxes[key].seedDemo();

		// Keyed by the credential id the examples reference.
		const credentials: Record<string, CredentialFile> = Object.fromEntries(
			PROVIDER_KEYS.map((key) => [
				PROVIDERS[key].exampleCredentialId,
				{
					id: newN8nId(),
					name: `${PROVIDERS[key].label} demo (sandbox)`,
					...sandboxCredential(key, sandboxes[key]),
				},
			]),
		);

		// Fill the examples' placeholders with the demo data, so each one runs as imported.
		const zaiaChat = [...zaia.state.chats.values()].find((chat) => !chat.isRemoved);
		const zaiaTag = [...zaia.state.tags.values()][0];
		const zaiaAgent = [...zaia.state.users.values()][0];
		const gorgiasUser = gorgias.addUser({ name: 'Demo Agent', email: 'agent@demo.example' });
		const gorgiasTeam = gorgias.addTeam({ name: 'Demo Team' });
		const values: Record<string, string> = {
			__ZAIA_CHAT_ID__: zaiaChat?.id ?? '',
			__ZAIA_TAG_ID__: zaiaTag?.id ?? '',
			__ZAIA_AGENT_ID__: zaiaAgent?.id ?? '',
			__GORGIAS_CUSTOMER_EMAIL__: 'lucia@example.com',
			__GORGIAS_USER_ID__: String(gorgiasUser.id),
			__GORGIAS_TEAM_ID__: String(gorgiasTeam.id),
			__GORGIAS_SUPPORT_EMAIL__: 'support@demo.example',
			...Object.fromEntries(
				Object.entries(credentials).map(([key, credential]) => [key, credential.id]),
			),
		};
		const examplesDir = join(REPO_ROOT, packageDir, 'examples');
		const workflows = readdirSync(examplesDir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => {
				let text = readFileSync(join(examplesDir, file), 'utf8');
				for (const [from, to] of Object.entries(values)) text = text.split(from).join(to);
				return { ...(JSON.parse(text) as WorkflowFile), id: newN8nId() };
			});

		console.log(`Installing ${packageName ?? 'the pack'} into a fresh n8n user folder…`);
		folder = await createUserFolder({ packageDirs: [packageDir] });
		if (options.imports ?? true) {
			await importCredentials(folder.dir, Object.values(credentials));
			await importWorkflows(folder.dir, workflows);
		}

		console.log('Starting n8n…');
		server = await N8nServer.start(folder.dir, port === 0 ? {} : { port });
		const owner = await server.setupOwner();

		const running = { server, folder };
		let stopping: Promise<void> | undefined;
		const stop = async () => {
			stopping ??= (async () => {
				await running.server.stop();
				await stopSandboxes();
				await running.folder.remove();
			})();
			await stopping;
		};
		started = true;
		return {
			server,
			owner,
			sandboxes: Object.fromEntries(
				PROVIDER_KEYS.map((key) => [key, sandboxApiUrl(key, sandboxes[key])]),
			) as Record<Provider, string>,
			providerSandboxes: sandboxes,
			stop,
		};
	} finally {
		if (!started) {
			await server?.stop();
			await stopSandboxes();
			await folder?.remove();
		}
	}
}

async function main(): Promise<void> {
	const { server, owner, sandboxes, stop } = await startDemo();

	let stopping = false;
	const shutDown = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandboxes…');
		await stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutDown());
	process.on('SIGTERM', () => void shutDown());

	console.log(`
n8n with n8n-nodes-ticketing is running.

  Editor:    ${server.baseUrl}
  Email:     ${owner.email}
  Password:  ${owner.password}

Credentials ${PROVIDER_KEYS.map((key) => `"${PROVIDERS[key].label} demo"`).join(', ')} point at local sandboxes:
${PROVIDER_KEYS.map((key) => `  ${PROVIDERS[key].label.padEnd(9)}${sandboxes[key]}`).join('\n')}
The workflows from examples/ are imported: open one and click "Execute workflow".
Press Ctrl-C to stop everything.
`);
}

// Run as the `npm start` entry point; imported (by the screenshot script), only export startDemo.
if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
