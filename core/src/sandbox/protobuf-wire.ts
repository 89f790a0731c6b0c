// Protobuf wire format: fields of a message, strings and map entries (all Kubernetes needs to read).
export type Field = { no: number; wire: number; value: bigint | Buffer };

export function* fields(buf: Buffer): Generator<Field> {
  let i = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new Error('truncated varint');
      const b = buf[i++] as number;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) yield { no, wire, value: varint() };
    else if (wire === 2) {
      const len = Number(varint());
      if (i + len > buf.length) throw new Error('truncated field');
      yield { no, wire, value: buf.subarray(i, i + len) };
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

export const str = (f: Field): string => (Buffer.isBuffer(f.value) ? f.value.toString('utf8') : '');

export function mapEntry(buf: Buffer, asBase64: boolean): [string, string] {
  let k = '';
  let v = '';
  for (const f of fields(buf)) {
    if (f.no === 1) k = str(f);
    if (f.no === 2) v = asBase64 && Buffer.isBuffer(f.value) ? f.value.toString('base64') : str(f);
  }
  return [k, v];
}
