import { normaliseSubdomain } from '../../nodes/Gorgias/subdomain';

describe('Gorgias subdomain', () => {
	it.each([
		['acme', 'acme'],
		['  ACME ', 'acme'],
		['acme.gorgias.com', 'acme'],
		['https://acme.gorgias.com', 'acme'],
		['https://acme.gorgias.com/app/ticket/123?x=1#y', 'acme'],
		['http://my-shop-2.gorgias.com/', 'my-shop-2'],
	])('%s → %s', (input, label) => {
		expect(normaliseSubdomain(input)).toBe(label);
	});

	it.each([
		'',
		'evil.com/',
		'evil.com',
		'a@b',
		'acme.gorgias.com.evil.com',
		'https://acme.gorgias.com.evil.com/app',
		'acme.gorgias.com:8443',
		'https://acme.gorgias.com:8443/',
		'acme/path',
		'acme?x=1',
		'-acme',
		'acme-',
		'ac me',
		'https://user:pass@acme.gorgias.com',
		'https://evil.com/acme.gorgias.com',
		'a'.repeat(64),
	])('refuses %j', (input) => {
		expect(normaliseSubdomain(input)).toBeUndefined();
	});

	it('refuses what is not text', () => {
		expect(normaliseSubdomain(undefined)).toBeUndefined();
		expect(normaliseSubdomain(42)).toBeUndefined();
	});
});
