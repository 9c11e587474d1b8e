import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidParameterError } from '../shared/errors';
import { multipartBody } from '../shared/multipart';
import type { ApiResponse } from '../shared/transport';
import { requireInteger, toList, type ValidationContext } from '../shared/validation';
import { gorgiasRequest, gorgiasResponse } from './transport';

/**
 * Files on messages: n8n binary properties uploaded through `POST /api/upload` and attached to
 * a reply or note, and a message's attachments downloaded into binary output.
 */

const ATTACHMENTS = 'Attachments (Binary Properties)';
const MAX_SIZE = 'Max Attachment Size (MB)';

/** Message Create's attachment parameters. */
export const attachmentParameters: INodeProperties[] = [
	{
		displayName: ATTACHMENTS,
		name: 'attachments',
		type: 'string',
		default: '',
		placeholder: 'data, invoice',
		description:
			'Names of the binary properties of the input item to attach, comma-separated. Each is uploaded to Gorgias first.',
	},
	{
		displayName: MAX_SIZE,
		name: 'maxAttachmentMb',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 10,
		description:
			"Largest file sent; a bigger one stops the item before anything is sent. Gorgias' own limit is 10 MB per file (its helpdesk says so; the API answers 413 above its limit).",
	},
];

/** Get's and Get Many's switch to download attachments. */
export const downloadParameters: INodeProperties[] = [
	{
		displayName: 'Download Attachments',
		name: 'downloadAttachments',
		type: 'boolean',
		default: false,
		description: 'Whether to download the attachments of the messages into binary output',
	},
	{
		displayName: 'Binary Property Prefix',
		name: 'binaryPrefix',
		type: 'string',
		default: 'attachment_',
		description: 'Attachments become binary properties named this prefix plus 0, 1, 2, …',
		displayOptions: { show: { downloadAttachments: [true] } },
	},
];

export interface AttachmentRequest {
	properties: string[];
	maxBytes: number;
}

/** The item's attachment choice, checked: every named binary property must exist. */
export function attachmentRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	ctx: ValidationContext,
): AttachmentRequest {
	const properties = toList(
		ctx,
		ATTACHMENTS,
		context.getNodeParameter('attachments', itemIndex, ''),
	);
	const maxMb = requireInteger(
		ctx,
		MAX_SIZE,
		context.getNodeParameter('maxAttachmentMb', itemIndex, 10),
		{
			min: 1,
			max: 100,
		},
	);
	const binary = context.getInputData()[itemIndex]?.binary ?? {};
	for (const property of properties) {
		if (!binary[property]) {
			throw invalidParameterError(
				ctx.node,
				ATTACHMENTS,
				`the item has no binary property "${property}"`,
				itemIndex,
				`It has: ${Object.keys(binary).join(', ') || 'no binary data'}.`,
			);
		}
	}
	return { properties, maxBytes: maxMb * 1024 * 1024 };
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Reads every file first and checks its size, so a file that is empty or too big stops the
 * item with nothing uploaded; then uploads them in one request and returns Gorgias' File
 * objects, which a message takes unchanged as its `attachments`.
 */
export async function uploadAttachments(
	context: IExecuteFunctions,
	ctx: ValidationContext,
	request: AttachmentRequest,
): Promise<IDataObject[]> {
	if (request.properties.length === 0) return [];
	const { itemIndex } = ctx;
	const files = [];
	for (const property of request.properties) {
		const meta = context.helpers.assertBinaryData(itemIndex, property);
		const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		const fileName =
			meta.fileName || `${property}${meta.fileExtension ? `.${meta.fileExtension}` : ''}`;
		const problem =
			data.length === 0
				? 'is empty'
				: data.length > request.maxBytes
					? `is ${megabytes(data.length)}, more than ${megabytes(request.maxBytes)}`
					: undefined;
		if (problem) {
			throw invalidParameterError(
				ctx.node,
				ATTACHMENTS,
				`the file "${fileName}" (binary property "${property}") ${problem}`,
				itemIndex,
			);
		}
		// Gorgias stores each file under its form field's name.
		files.push({
			field: fileName,
			fileName,
			contentType: meta.mimeType || 'application/octet-stream',
			data,
		});
	}
	const uploaded = await gorgiasRequest.call(context, 'POST', '/upload', {
		qs: { type: 'attachment' },
		rawBody: multipartBody(files),
		itemIndex,
	});
	if (!Array.isArray(uploaded) || uploaded.length !== files.length) {
		throw new NodeApiError(
			context.getNode(),
			{ body: uploaded as JsonObject },
			{
				message: `Gorgias answered the upload of ${files.length} file(s) with ${Array.isArray(uploaded) ? uploaded.length : 'no'} file(s)`,
				itemIndex,
			},
		);
	}
	return uploaded as IDataObject[];
}

/** A private upload URL, as the helpdesk rewrites it: the authenticated download path. */
function downloadPath(url: string): string | undefined {
	const match = /^(?:https?:)?\/\/uploads\.gorgias\.io\/([^/?#]+)\/([^?#]+)/i.exec(url);
	return match ? `/attachment/download/${match[1]}/${match[2]}` : undefined;
}

async function fetchUnauthenticated(
	context: IExecuteFunctions,
	url: string,
	itemIndex: number,
): Promise<Buffer> {
	try {
		const body = (await context.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
		})) as Buffer | ArrayBuffer;
		return Buffer.isBuffer(body) ? body : Buffer.from(body);
	} catch (error) {
		throw new NodeApiError(context.getNode(), error as JsonObject, {
			message: 'Gorgias attachment could not be downloaded',
			description: `GET ${url.split('?')[0]} failed.`,
			itemIndex,
		});
	}
}

/** One attachment's bytes: private ones through the API and its signed redirect. */
async function attachmentBytes(
	context: IExecuteFunctions,
	url: string,
	itemIndex: number,
): Promise<Buffer> {
	const path = downloadPath(url);
	if (!path) return await fetchUnauthenticated(context, url, itemIndex);
	const response = (await gorgiasResponse.call(context, 'GET', path, {
		binaryResponse: true,
		itemIndex,
	})) as ApiResponse<Buffer>;
	if (response.statusCode >= 300 && response.headers.location) {
		// The signed URL is time-limited and needs no credential: it is fetched without one.
		return await fetchUnauthenticated(context, response.headers.location, itemIndex);
	}
	return response.body;
}

/** The attachments of the messages as binary properties `<prefix>0`, `<prefix>1`, … */
export async function downloadAttachments(
	context: IExecuteFunctions,
	itemIndex: number,
	messages: IDataObject[],
	prefix: string,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	let index = 0;
	for (const message of messages) {
		const attachments = Array.isArray(message.attachments)
			? (message.attachments as IDataObject[])
			: [];
		for (const attachment of attachments) {
			if (typeof attachment?.url !== 'string') continue;
			const data = await attachmentBytes(context, attachment.url, itemIndex);
			binary[`${prefix}${index++}`] = await context.helpers.prepareBinaryData(
				data,
				typeof attachment.name === 'string' ? attachment.name : undefined,
				typeof attachment.content_type === 'string' ? attachment.content_type : undefined,
			);
		}
	}
	return binary;
}

/** Whether the item asked for its attachments, and under which prefix. */
export function downloadChoice(
	context: IExecuteFunctions,
	itemIndex: number,
): { prefix: string } | undefined {
	if (!(context.getNodeParameter('downloadAttachments', itemIndex, false) as boolean))
		return undefined;
	const prefix = String(context.getNodeParameter('binaryPrefix', itemIndex, 'attachment_')).trim();
	return { prefix: prefix || 'attachment_' };
}
