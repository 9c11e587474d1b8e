import { redactText, redactValue } from '../../nodes/shared/redact';

const CANARY = 'zk_live_CANARY_5f1c2d9e8b7a';

describe('secret redaction', () => {
	it('removes a known secret wherever it appears', () => {
		expect(redactText(`failed with key ${CANARY} twice ${CANARY}`, [CANARY])).toBe(
			'failed with key [redacted] twice [redacted]',
		);
	});

	it('removes secrets in headers, JSON and auth schemes without knowing them', () => {
		expect(redactText('authorization: abcdef123456')).toBe('authorization: [redacted]');
		expect(redactText('{"apiKey":"abc123xyz","ok":1}')).toBe('{"apiKey":"[redacted]","ok":1}');
		expect(redactText("headers: { 'x-api-key': 'k-123456' }")).toBe(
			"headers: { 'x-api-key': '[redacted]' }",
		);
		expect(redactText('sent Bearer eyJhbGciOi.abc.def')).toBe('sent Bearer [redacted]');
		expect(redactText('Basic dXNlcjpwYXNz')).toBe('Basic [redacted]');
	});

	it('keeps ordinary text', () => {
		expect(redactText('Ticket not found', [CANARY])).toBe('Ticket not found');
	});

	it('redacts deeply in objects, by key name and by value', () => {
		const value = {
			message: `bad key ${CANARY}`,
			headers: { Authorization: 'anything', accept: 'application/json' },
			nested: [{ token: 't' }, { note: CANARY }],
		};
		expect(redactValue(value, [CANARY])).toEqual({
			message: 'bad key [redacted]',
			headers: { Authorization: '[redacted]', accept: 'application/json' },
			nested: [{ token: '[redacted]' }, { note: '[redacted]' }],
		});
		// the input is not modified
		expect(value.headers.Authorization).toBe('anything');
	});
});
