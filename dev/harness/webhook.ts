/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling runs in plain Node and is never packaged; n8n Cloud rules govern shipped node code */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { randomUUID } from 'node:crypto';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
} from 'n8n-workflow';

import type { HarnessCredentials } from './credentials-helper';
import { ensureNodeTypeLoaded, nodeTypes } from './package-loader';
import { createHarnessContext } from './run';

export interface WebhookTriggerOptions {
	nodeType: string;
	parameters: INodeParameters;
	credentials: HarnessCredentials;
	/** The node's static data, as n8n keeps it between activations and calls. */
	staticData?: IDataObject;
}

export interface WebhookCall {
	method: string;
	path: string;
	query: IDataObject;
	headers: IncomingHttpHeaders;
	body: unknown;
	/** What the trigger answered. */
	status: number;
	response: unknown;
	/** The items the call started the workflow with; undefined when it started nothing. */
	items?: INodeExecutionData[];
	error?: Error;
}

const NODE_NAME = 'Webhook trigger under test';

/** The parts of an express response a node's webhook() uses. */
class HarnessResponse {
	statusCode = 200;
	body: unknown;
	headersSent = false;
	readonly headers: Record<string, string> = {};

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.headersSent = true;
		return this;
	}

	send(body: unknown): this {
		return this.json(body);
	}

	end(body?: unknown): this {
		return this.json(body);
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
}

/**
 * A webhook trigger node as n8n runs it: activation and deactivation through n8n-core's
 * HookContext (`checkExists`, then `create` when it answers false; `delete`), and a loopback
 * HTTP server that hands each call to the node's `webhook()` through a WebhookContext, on a
 * workflow rebuilt for every call from a copy of the saved static data, which is saved back
 * when the call is done, as n8n's live webhooks do (they read the workflow from the database
 * per call and save its static data after the node's `webhook()`): calls that overlap each
 * start from the same saved state, and the last one to finish is what stays saved.
 */
export class HarnessWebhookTrigger {
	readonly calls: WebhookCall[] = [];
	readonly staticData: IDataObject;
	private readonly node: INode;
	private server?: Server;
	private port = 0;

	private constructor(private readonly options: WebhookTriggerOptions) {
		this.staticData = options.staticData ?? {};
		this.node = {
			// Its own id per trigger, as every node in n8n has: in-process memory is per node.
			id: randomUUID(),
			name: NODE_NAME,
			type: options.nodeType,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			webhookId: randomUUID(),
			credentials: Object.fromEntries(
				Object.keys(options.credentials).map((type) => [
					type,
					{ id: `harness-${type}`, name: `Harness ${type}` },
				]),
			),
		};
	}

	static async start(options: WebhookTriggerOptions): Promise<HarnessWebhookTrigger> {
		await ensureNodeTypeLoaded(options.nodeType);
		const trigger = new HarnessWebhookTrigger(options);
		await trigger.listen();
		return trigger;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/webhook`;
	}

	/** The node's production webhook URL. */
	get webhookUrl(): string {
		const [description] = this.nodeType().description.webhooks ?? [];
		return `${this.baseUrl}/${this.node.webhookId}/${String(description?.path ?? '')}`;
	}

	/** Calls that started the workflow, with their items. */
	get emitted(): INodeExecutionData[][] {
		return this.calls.flatMap((call) => (call.items ? [call.items] : []));
	}

	/** Changes the node's parameters for the next activation or call (an edited workflow). */
	setParameters(parameters: INodeParameters): void {
		this.node.parameters = parameters;
	}

	/** n8n's activation: `checkExists`, and `create` when nothing usable exists. */
	async activate(mode: WorkflowActivateMode = 'activate'): Promise<{ created: boolean }> {
		const methods = this.webhookMethods();
		const context = await this.hookContext(mode);
		if (await methods.checkExists.call(context)) return { created: false };
		await methods.create.call(context);
		return { created: true };
	}

	async deactivate(): Promise<void> {
		const context = await this.hookContext('activate');
		await this.webhookMethods().delete.call(context);
	}

	/** Moves the server to another port: n8n's webhook URL changed (e.g. a new host name). */
	async moveUrl(): Promise<void> {
		await this.closeServer();
		await this.listen();
	}

	async stop(): Promise<void> {
		await this.closeServer();
	}

	private nodeType() {
		return nodeTypes.getByNameAndVersion(this.options.nodeType);
	}

	private webhookMethods() {
		const methods = this.nodeType().webhookMethods?.default;
		if (!methods) throw new Error(`${this.options.nodeType} has no default webhook methods`);
		return methods;
	}

	private async harness(staticData: IDataObject = this.staticData) {
		const context = await createHarnessContext(
			{
				nodes: [this.node],
				connections: {},
				staticData: { [`node:${NODE_NAME}`]: staticData },
			},
			this.options.credentials,
			'trigger',
		);
		context.additionalData.webhookBaseUrl = this.baseUrl;
		const node = context.workflow.getNode(NODE_NAME) ?? this.node;
		return { ...context, node };
	}

	private async hookContext(mode: WorkflowActivateMode): Promise<HookContext> {
		const { workflow, additionalData, node } = await this.harness();
		return new HookContext(workflow, node, additionalData, 'trigger', mode);
	}

	private async handle(call: Omit<WebhookCall, 'status' | 'response'>): Promise<WebhookCall> {
		const expectedPath = new URL(this.webhookUrl).pathname;
		if (call.method !== 'POST' || call.path !== expectedPath) {
			return { ...call, status: 404, response: { message: 'Unknown webhook' } };
		}
		// Through the database: a JSON copy.
		const copy = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const { workflow, additionalData, node } = await this.harness(copy);
		const response = new HarnessResponse();
		additionalData.httpRequest = {
			body: call.body,
			headers: call.headers,
			query: call.query,
			params: {},
		} as unknown as typeof additionalData.httpRequest;
		additionalData.httpResponse = response as unknown as typeof additionalData.httpResponse;
		const [description] = this.nodeType().description.webhooks ?? [];
		const webhookData = {
			httpMethod: 'POST',
			node: NODE_NAME,
			path: String(description?.path ?? ''),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		} as unknown as IWebhookData;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		const nodeType = this.nodeType();
		if (!nodeType.webhook) throw new Error(`${this.options.nodeType} has no webhook()`);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			return { ...call, status: 500, response: { message: String(error) }, error: error as Error };
		}
		this.save(copy);
		const items = result.workflowData?.[0];
		const answered = result.noWebhookResponse
			? { status: response.statusCode, response: response.body }
			: { status: 200, response: result.webhookResponse ?? { message: 'Workflow was started' } };
		return { ...call, ...answered, ...(items ? { items } : {}) };
	}

	/** Replaces the saved static data with what a call ends with. */
	private save(data: IDataObject): void {
		for (const key of Object.keys(this.staticData)) delete this.staticData[key];
		Object.assign(this.staticData, JSON.parse(JSON.stringify(data)) as IDataObject);
	}

	private async listen(): Promise<void> {
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://harness.invalid');
				const raw = Buffer.concat(chunks).toString('utf8');
				let body: unknown = {};
				try {
					body = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
				} catch {
					body = raw;
				}
				void this.handle({
					method: req.method ?? 'GET',
					path: url.pathname,
					query: Object.fromEntries(url.searchParams),
					headers: req.headers,
					body,
				}).then((call) => {
					this.calls.push(call);
					res.writeHead(call.status, { 'content-type': 'application/json' });
					res.end(JSON.stringify(call.response ?? {}));
				});
			});
		});
		await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
		this.port = (server.address() as { port: number }).port;
		this.server = server;
	}

	private async closeServer(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		this.port = 0;
		if (!server) return;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	}
}
