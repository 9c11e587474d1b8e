import { request } from 'undici';

export interface CallOptions {
	method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	body?: unknown;
	headers?: Record<string, string>;
}

/** A plain HTTP call to a sandbox, for the sandboxes' own tests (JSON in, text and JSON out). */
export async function call(baseUrl: string, path: string, options: CallOptions = {}) {
	const response = await request(`${baseUrl}${path}`, {
		method: options.method ?? 'GET',
		headers: {
			...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
			...options.headers,
		},
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await response.body.text();
	return {
		status: response.statusCode,
		headers: response.headers,
		text,
		json: <T = Record<string, unknown>>() => JSON.parse(text) as T,
	};
}
