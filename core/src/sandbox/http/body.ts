// Request bodies: bounded reads and decoding by Content-Type (JSON, YAML, protobuf for a few kinds).
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { decodeProtobufObject } from '../protobuf.js';
import { badRequest, unsupportedMediaType, ApiError } from './status.js';

const MAX_BODY = 16 * 1024 * 1024;

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

const OBJECT_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** Decodes a POST/PUT body into an object. */
export function decodeObject(buf: Buffer, contentType: string | undefined): unknown {
  const mt = mediaType(contentType);
  if (mt === 'application/json' || mt === '') {
    try {
      return JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw badRequest(`json parse error: ${(e as Error).message}`);
    }
  }
  if (mt === 'application/yaml') {
    try {
      return parseYaml(buf.toString('utf8'));
    } catch (e) {
      throw badRequest(`yaml parse error: ${(e as Error).message}`);
    }
  }
  if (mt === 'application/vnd.kubernetes.protobuf') {
    const obj = decodeProtobufObject(buf);
    if (obj) return obj;
  }
  throw unsupportedMediaType(OBJECT_TYPES);
}
