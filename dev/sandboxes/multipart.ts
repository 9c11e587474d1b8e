/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
	/** The field name (`name="…"` of Content-Disposition). */
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/**
 * Splits a `multipart/form-data` body into its parts; undefined when the content type has no
 * boundary or the body does not follow it.
 */
export function parseMultipart(contentType: string, body: Buffer): MultipartPart[] | undefined {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts: MultipartPart[] = [];
	let start = body.indexOf(delimiter);
	if (start === -1) return undefined;
	for (;;) {
		start += delimiter.length;
		// `--` after a delimiter closes the body.
		if (body.subarray(start, start + 2).toString() === '--') return parts;
		const headerEnd = body.indexOf('\r\n\r\n', start);
		const next = body.indexOf(delimiter, start);
		if (headerEnd === -1 || next === -1 || headerEnd > next) return undefined;
		const headers = body.subarray(start, headerEnd).toString('utf8');
		const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		if (name === undefined) return undefined;
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
		// The part's data ends with the CRLF before the next delimiter.
		parts.push({
			name,
			...(filename !== undefined ? { filename } : {}),
			...(type ? { contentType: type } : {}),
			data: body.subarray(headerEnd + 4, next - 2),
		});
		start = next;
	}
}
