import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	AdaptiveConcurrency,
	attachController,
	rememberedStart,
	rememberStart,
} from './concurrency';
import { runPool } from './pool';
import { redactText } from './redact';
import {
	providerCredentials,
	secretValues,
	type ProviderDefinition,
	type RequestContext,
} from './transport';

/** Items in flight at the start of a run (adaptive), or throughout it (fixed, by default). */
export const DEFAULT_CONCURRENCY = 10;

/** The most items an adaptive run may reach when the user sets no ceiling. */
export const DEFAULT_CONCURRENCY_CEILING = 100;

/**
 * How many items run at once: adaptive (start at the default, follow the provider's answers,
 * never above the ceiling) or a fixed number.
 */
export type ConcurrencySetting =
	| { mode: 'adaptive'; ceiling: number }
	| { mode: 'fixed'; limit: number };

/** When items are checked: all before the first request (the default), or each just before its own. */
export type CheckTiming = 'allFirst' | 'eachBeforeSending';

export type ItemResult = IDataObject | IDataObject[];

/**
 * The concurrency chosen in the node's options. Max Parallel Requests alone (as saved before
 * there was a choice) caps the adaptive run, so no workflow ever gets more than it asked for.
 */
export function concurrencyOf(value: unknown): ConcurrencySetting {
	const options = (value ?? {}) as { concurrency?: unknown; concurrencyMode?: unknown };
	const number = Number(options.concurrency);
	const given = Number.isInteger(number) && number > 0 ? number : undefined;
	if (options.concurrencyMode === 'fixed') {
		return { mode: 'fixed', limit: given ?? DEFAULT_CONCURRENCY };
	}
	return { mode: 'adaptive', ceiling: given ?? DEFAULT_CONCURRENCY_CEILING };
}

/** The check timing chosen in the node's options ("Check Each Item Just Before Sending"). */
export function checkTimingOf(value: unknown): CheckTiming {
	const options = (value ?? {}) as { checkEachItemJustBeforeSending?: unknown };
	return options.checkEachItemJustBeforeSending === true ? 'eachBeforeSending' : 'allFirst';
}

const withBinary = new WeakMap<IDataObject, IBinaryKeyData>();

/** An output item that carries files besides its JSON (e.g. downloaded attachments). */
export function binaryResult(json: IDataObject, binary: IBinaryKeyData): IDataObject {
	withBinary.set(json, binary);
	return json;
}

/** `to` replaces `from` in the output: the files `from` carried go with it. */
export function sameBinary(from: IDataObject, to: IDataObject): IDataObject {
	const binary = withBinary.get(from);
	if (binary) withBinary.set(to, binary);
	return to;
}

/**
 * An operation checks an item's parameters synchronously and returns the work to do for it.
 * Checking every item before sending anything means bad input never leaves half a batch sent.
 */
export type PrepareItem = (itemIndex: number) => () => Promise<ItemResult>;

export interface PerItemOptions {
	/** Items processed at once; fixed at 1 = strictly one after another. */
	concurrency: ConcurrencySetting;
	/**
	 * The provider whose credential values are removed from every error, including the ones
	 * that never passed through the shared transport (a value echoed by an input check).
	 */
	provider?: ProviderDefinition;
	/**
	 * 'eachBeforeSending' checks an item only when the pool starts it, so checking overlaps the
	 * requests of the items before it; a bad item then stops (or, under "continue on fail",
	 * fails) only itself and what comes after it: earlier items may already have been sent.
	 */
	checkTiming?: CheckTiming;
}

/**
 * Runs an operation for every input item and assembles n8n's output.
 * 1. Every item is prepared (its parameters checked) before any request is sent; without
 *    "continue on fail" the first bad item stops the node with nothing sent. (With the
 *    'eachBeforeSending' timing an item is prepared when it starts instead.)
 * 2. The prepared work runs through the bounded pool; results keep input order, each result
 *    (one object or a list) becomes items paired with their input item.
 * A failed item becomes `{ error }` under "continue on fail"; otherwise the first failing
 * item (by index) stops the node, and no new items are started after a failure.
 */
export async function executePerItem(
	this: IExecuteFunctions,
	prepare: PrepareItem,
	options: PerItemOptions,
): Promise<INodeExecutionData[]> {
	const itemCount = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const secrets = secretsOnDemand(this, options.provider);

	const prepared: Array<(() => Promise<ItemResult>) | NodeApiError | NodeOperationError> = [];
	const checkFirst = options.checkTiming !== 'eachBeforeSending';
	for (let itemIndex = 0; checkFirst && itemIndex < itemCount; itemIndex++) {
		try {
			prepared.push(prepare(itemIndex));
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex, await secrets());
			if (!continueOnFail) throw nodeError;
			prepared.push(nodeError);
		}
	}

	const setting = options.concurrency;
	let concurrency: number | (() => number) = setting.mode === 'fixed' ? setting.limit : 1;
	let detach: (() => void) | undefined;
	let wake: ((fill: () => void) => void) | undefined;
	let started = 0;
	let learned: (() => void) | undefined;
	if (setting.mode === 'adaptive') {
		const account = await accountOf(this, options.provider);
		const controller = new AdaptiveConcurrency({
			start:
				account === undefined
					? DEFAULT_CONCURRENCY
					: rememberedStart(account, DEFAULT_CONCURRENCY, Date.now()),
			unprobedStart: DEFAULT_CONCURRENCY,
			ceiling: setting.ceiling,
			backlog: () => itemCount - started,
		});
		if (account !== undefined) {
			learned = () => rememberStart(account, controller.learnedLevel, Date.now());
		}
		// The transport finds the controller by this run's context: every request takes one of
		// its slots and reports its answer to it.
		detach = attachController(this, controller);
		concurrency = () => controller.itemWidth;
		wake = (fill) => controller.subscribe(fill);
	}
	let settled;
	try {
		settled = await runPool(
			itemCount,
			async (itemIndex) => {
				started++;
				const work = checkFirst ? prepared[itemIndex] : prepare(itemIndex);
				if (typeof work !== 'function') throw work;
				return await work();
			},
			{ concurrency, stopOnError: !continueOnFail, wake },
		);
	} finally {
		detach?.();
		learned?.();
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < settled.length; itemIndex++) {
		const result = settled[itemIndex];
		const pairedItem = { item: itemIndex };
		if (result.ok) {
			const objects = Array.isArray(result.value) ? result.value : [result.value];
			for (const json of objects) {
				const binary = withBinary.get(json);
				output.push(binary ? { json, binary, pairedItem } : { json, pairedItem });
			}
			continue;
		}
		const error = asNodeError(this, result.error, itemIndex, await secrets());
		if (!continueOnFail) throw error;
		output.push({ json: { error: error.message }, pairedItem });
	}
	return output;
}

/**
 * Which account a run talks to, for the concurrency it learned: the provider, its base URL
 * and the credential. Undefined when the credential cannot be read (the requests will say
 * why) or the node names no provider.
 */
async function accountOf(
	context: IExecuteFunctions,
	provider: ProviderDefinition | undefined,
): Promise<string | undefined> {
	if (!provider) return undefined;
	try {
		const credentials = await providerCredentials(context, provider);
		const reference = context.getNode().credentials?.[provider.credentialType];
		return JSON.stringify([provider.name, provider.baseUrl(credentials), reference?.id ?? '']);
	} catch {
		return undefined;
	}
}

/**
 * The credential's secret values, read only when an error needs them: most runs have no
 * error, and a missing credential must not hide the input check that failed first.
 */
function secretsOnDemand(
	context: RequestContext,
	provider: ProviderDefinition | undefined,
): () => Promise<readonly string[]> {
	let secrets: Promise<readonly string[]> | undefined;
	return async () => {
		if (!provider) return [];
		secrets ??= providerCredentials(context, provider).then(
			(credentials) => secretValues(credentials, provider),
			() => [],
		);
		return await secrets;
	};
}

/**
 * Makes sure whatever was thrown is an n8n error that carries the item index, with the
 * credential's secret values removed from its message and description.
 */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		error.message = redactText(error.message, secrets);
		if (typeof error.description === 'string') {
			error.description = redactText(error.description, secrets);
		}
		return error;
	}
	const message = redactText(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}
