/**
 * How often a node run asks n8n for its credential. In n8n each read is a database read and a
 * decryption, which at 20 ms latency cost more than the request itself; the shared transport
 * reads it once per run and hands it to n8n's request helper for every request.
 */
import { randomUUID } from 'node:crypto';

import { GORGIAS_ROUTES, type GorgiasSandbox } from '../../dev/sandboxes/gorgias';
import { ZAIA_ROUTES, type ZaiaSandbox } from '../../dev/sandboxes/zaia';
import { runGorgias, startSandbox as startGorgias, USER_EMAIL } from '../gorgias/setup';
import { jsonOf, rl, sandboxPerTest } from '../kit';
import { CANARY as ZAIA_KEY, runZaia, startSandbox as startZaia } from '../zaia/setup';

describe('a node run reads its credential once', () => {
	let zaia: ZaiaSandbox;
	let gorgias: GorgiasSandbox;
	sandboxPerTest(startZaia, (started) => {
		zaia = started;
	});
	sandboxPerTest(startGorgias, (started) => {
		gorgias = started;
	});

	it('Zaia: 30 assignments, one credential read, every request authenticated with the key', async () => {
		const tickets = Array.from({ length: 30 }, () => zaia.addTicket({ status: 'pending' }));
		const result = await runZaia(zaia, {
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: {
				operation: 'assign',
				ticketId: rl('={{ $json.id }}'),
				assigneeId: rl(randomUUID()),
			},
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(30);
		const log = zaia.requestsTo(ZAIA_ROUTES.assignTicket);
		expect(log.map((request) => request.status)).toEqual(tickets.map(() => 200));
		expect(new Set(log.map((request) => request.headers.authorization))).toEqual(
			new Set([ZAIA_KEY]),
		);
		expect(result.credentialReads).toBe(1);
	});

	it('Gorgias (API key): 30 updates, one credential read, every request with Basic auth', async () => {
		const tickets = Array.from({ length: 30 }, () => gorgias.addTicket());
		const result = await runGorgias(gorgias, {
			items: tickets.map((ticket) => ({ id: ticket.id })),
			parameters: {
				operation: 'update',
				ticketId: rl('={{ $json.id }}'),
				updateFields: { status: 'closed' },
			},
		});
		expect(result.error).toBeUndefined();
		const log = gorgias.requestsTo(GORGIAS_ROUTES.updateTicket);
		expect(log.map((request) => request.status)).toEqual(tickets.map(() => 200));
		const basic = new Set(log.map((request) => request.headers.authorization));
		expect(basic.size).toBe(1);
		const [username] = Buffer.from(String([...basic][0]).replace(/^Basic /, ''), 'base64')
			.toString('utf8')
			.split(':');
		expect(username).toBe(USER_EMAIL);
		expect(result.credentialReads).toBe(1);
	});
});
