import type { IDataObject } from 'n8n-workflow';

import { createHarnessContext } from './run';
import { TEST_ITEMS_NODE_TYPE } from './harness-nodes';

/**
 * Resolves an n8n expression the way n8n resolves credential expressions (credential test
 * requests, OAuth2 URLs in hidden fields), with the given extra keys such as `$credentials`
 * or `$self`. Lets tests check where a credential would send a request without sending it.
 */
export async function resolveExpression(
	expression: string,
	additionalKeys: IDataObject,
): Promise<unknown> {
	const node = {
		id: 'expression-node',
		name: 'Expression',
		type: TEST_ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const { workflow } = await createHarnessContext({ nodes: [node], connections: {} }, {});
	return workflow.expression.getSimpleParameterValue(
		node,
		expression,
		'internal',
		additionalKeys,
		undefined,
		'',
	);
}
