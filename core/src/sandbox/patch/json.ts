// RFC 6902 JSON patch via fast-json-patch; malformed documents are 400, failed operations 422.
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { ApiError, badRequest } from '../http/status.js';

const MALFORMED = new Set([
  'SEQUENCE_NOT_AN_ARRAY',
  'OPERATION_NOT_AN_OBJECT',
  'OPERATION_OP_INVALID',
  'OPERATION_PATH_INVALID',
  'OPERATION_FROM_REQUIRED',
  'OPERATION_VALUE_REQUIRED',
  'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED',
]);

export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  try {
    return jsonpatch.applyPatch(structuredClone(doc), ops as Operation[], true, true, true).newDocument;
  } catch (e) {
    const err = e as { name?: string; message?: string; operation?: { op?: string; path?: string } };
    const where = err.operation ? ` (op ${err.operation.op} ${err.operation.path})` : '';
    if (err.name && MALFORMED.has(err.name)) throw badRequest(`invalid JSON patch: ${err.message}${where}`);
    if (err.name === 'TEST_OPERATION_FAILED') {
      throw new ApiError(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: testing value ${err.operation?.path} failed: test operation failed`,
      );
    }
    throw new ApiError(
      422,
      'Invalid',
      `the server rejected our request due to an error in our request: ${err.message ?? String(e)}${where}`,
    );
  }
}
