// Type-level guarantees of the schema builders. The @ts-expect-error lines fail `npm run typecheck`
// the moment a builder stops catching that kind of drift between a type and its schema.
import { describe, expect, it } from 'vitest';
import { enumOf, int, objectOf, str } from './openapi.js';

interface Sample {
  a: string;
  b?: number;
  c: 'x' | 'y';
}

describe('objectOf / enumOf', () => {
  it('build the schema of exactly the fields and required keys of a type', () => {
    expect(objectOf<Sample>()({ a: str(), b: int(), c: str() }, ['a', 'c'])).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'string' } },
      required: ['a', 'c'],
    });
    expect(enumOf<Sample['c']>()(['y', 'x'])).toEqual({ type: 'string', enum: ['y', 'x'] });
  });

  it('refuse at compile time a schema that drifted from its type', () => {
    const drifted = [
      // @ts-expect-error a field of the type is missing from the schema
      objectOf<Sample>()({ a: str(), b: int() }, ['a', 'c']),
      // @ts-expect-error the schema has a field the type lacks
      objectOf<Sample>()({ a: str(), b: int(), c: str(), d: str() }, ['a', 'c']),
      // @ts-expect-error a string field described as an integer
      objectOf<Sample>()({ a: int(), b: int(), c: str() }, ['a', 'c']),
      // @ts-expect-error a required field not listed as required
      objectOf<Sample>()({ a: str(), b: int(), c: str() }, ['a']),
      // @ts-expect-error an optional field listed as required
      objectOf<Sample>()({ a: str(), b: int(), c: str() }, ['a', 'b', 'c']),
      // @ts-expect-error an enum missing a member of the union
      enumOf<Sample['c']>()(['x']),
      // @ts-expect-error an enum with a value outside the union
      enumOf<Sample['c']>()(['x', 'y', 'z']),
    ];
    expect(drifted).toHaveLength(7);
  });
});
