/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling runs in plain Node and is never packaged */
/**
 * Checks that two ways of doing the same work did the same thing: the same output items with
 * the same pairedItem, and the same requests (method, path, body) at the sandbox.
 */
import { isDeepStrictEqual } from 'node:util';

import type { RunItem } from '../../dev/n8n';
import type { LoggedRequest } from '../../dev/sandboxes/framework';

export interface OutputComparison {
	identical: boolean;
	/** Human summary, e.g. "identical (1,000 items, pairedItem too; differs only in updatedAt)". */
	summary: string;
}

/**
 * Compares item by item. `explained` fields may differ, each for the reason given (e.g. a time
 * stamp the sandbox sets on every write, so two runs made at different times differ there);
 * any other difference makes the outputs unequal.
 */
export function compareOutputs(
	ours: RunItem[],
	theirs: RunItem[],
	explained: Record<string, string> = {},
): OutputComparison {
	if (ours.length !== theirs.length) {
		return { identical: false, summary: `${ours.length} items vs ${theirs.length}` };
	}
	const differing = new Set<string>();
	let pairedItemDiffers = 0;
	for (let index = 0; index < ours.length; index++) {
		const a = ours[index].json;
		const b = theirs[index].json;
		for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
			if (!isDeepStrictEqual(a[key], b[key])) differing.add(key);
		}
		if (!isDeepStrictEqual(ours[index].pairedItem, theirs[index].pairedItem)) pairedItemDiffers++;
	}
	const unexpected = [...differing].filter((key) => !(key in explained));
	const count = ours.length.toLocaleString('en-US');
	if (unexpected.length || pairedItemDiffers) {
		const parts = [];
		if (unexpected.length) parts.push(`fields differ: ${unexpected.join(', ')}`);
		if (pairedItemDiffers) parts.push(`${pairedItemDiffers} pairedItem differ`);
		return { identical: false, summary: `NOT identical (${parts.join('; ')})` };
	}
	const reasons = [...differing].map((key) => `${key}: ${explained[key]}`);
	return {
		identical: true,
		summary: `identical: ${count} items in the same order, same pairedItem${
			reasons.length ? ` (only ${reasons.join('; ')})` : ''
		}`,
	};
}

/** The requests as a sorted list of "METHOD path?query body" lines (order-independent). */
export function requestSignature(requests: readonly LoggedRequest[]): string[] {
	return requests
		.map((entry) => {
			const query = new URLSearchParams(
				Object.entries(entry.query).flatMap(([key, value]) =>
					(Array.isArray(value) ? value : [value]).map((one): [string, string] => [
						key,
						String(one),
					]),
				),
			).toString();
			const body = entry.body === undefined ? '' : ` ${JSON.stringify(entry.body)}`;
			return `${entry.method} ${entry.path}${query ? `?${query}` : ''}${body}`;
		})
		.sort();
}

export function sameRequests(a: readonly LoggedRequest[], b: readonly LoggedRequest[]): boolean {
	return isDeepStrictEqual(requestSignature(a), requestSignature(b));
}
