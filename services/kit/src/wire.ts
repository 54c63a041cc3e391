import * as protobuf from 'protobufjs';

// Messages assembled from messages that are already encoded. On the wire an embedded message
// is a length-delimited field holding that message's bytes, so a service that passes a
// message on (the parsed transcript to every evaluator, the evaluators' results to scoring
// and feedback) can embed the bytes it received instead of decoding and re-encoding them.

const LENGTH_DELIMITED = 2;

/** The length-delimited top-level fields of an encoded message, by field number (the last one of each). */
export function embeddedFields(bytes: Uint8Array): Map<number, Uint8Array> {
  const fields = new Map<number, Uint8Array>();
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if ((tag & 7) === LENGTH_DELIMITED) fields.set(tag >>> 3, reader.bytes());
    else reader.skipType(tag & 7);
  }
  return fields;
}

/** Writes a message field by field; absent values (undefined, null) are left out. */
export class MessageWriter {
  private readonly writer = protobuf.Writer.create();

  /** A message field whose value is already encoded. */
  embed(field: number, bytes: Uint8Array | null | undefined): this {
    if (bytes) this.writer.uint32((field << 3) | LENGTH_DELIMITED).bytes(bytes);
    return this;
  }

  string(field: number, value: string | null | undefined): this {
    if (value !== undefined && value !== null) this.writer.uint32((field << 3) | LENGTH_DELIMITED).string(value);
    return this;
  }

  /** A map<string, string> field: one entry message (key = 1, value = 2) per key. */
  stringMap(field: number, entries: Record<string, string>): this {
    for (const [key, value] of Object.entries(entries)) this.embed(field, new MessageWriter().string(1, key).string(2, value).finish());
    return this;
  }

  finish(): Buffer {
    return this.writer.finish() as Buffer;
  }
}
