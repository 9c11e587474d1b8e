import { randomString } from 'n8n-workflow';

/** One file of a `multipart/form-data` body. */
export interface MultipartFile {
	/** The form field's name. */
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

/** Quotes and line breaks would end the header value early. */
function headerValue(text: string): string {
	return text.replace(/["\r\n]/g, '_');
}

/**
 * A `multipart/form-data` body built by hand: n8n's request helper sends bytes as they are,
 * while the form-data package it understands would be a runtime dependency.
 */
export function multipartBody(files: MultipartFile[]): { data: Buffer; contentType: string } {
	const boundary = `----n8nFormBoundary${randomString(24)}`;
	const chunks: Buffer[] = [];
	for (const file of files) {
		chunks.push(
			Buffer.from(
				`--${boundary}\r\n` +
					`Content-Disposition: form-data; name="${headerValue(file.field)}"; filename="${headerValue(file.fileName)}"\r\n` +
					`Content-Type: ${headerValue(file.contentType)}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { data: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
