// Plain ASCII text, the common case, is read byte by byte from a typed array filled by
// TextEncoder.encodeInto: reading the array stays fast whatever internal form the string
// has (a slice of the transcript, a rubric phrase, a joined line), which calling
// charCodeAt on each character does not. encodeInto also tells whether the text is ASCII.

const encoder = new TextEncoder();

/**
 * A reader with its own scratch buffer (so two callers never overwrite each other's bytes):
 * it returns the text's bytes, valid until its next call, when the text is all ASCII, else null.
 */
export function asciiBytesReader(): (text: string) => Uint8Array | null {
  let scratch = new Uint8Array(1024);
  return (text) => {
    if (scratch.length < text.length) scratch = new Uint8Array(text.length * 2);
    const { read, written } = encoder.encodeInto(text, scratch);
    return read === text.length && written === text.length ? scratch : null;
  };
}
