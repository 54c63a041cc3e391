// Results derived from a parsed transcript (its tokens, its sections) or from a summary's
// text are needed by more than one step of a grade. Remembering the result for the most
// recent key (an object, or a string compared by value) is enough for that and, unlike a
// WeakMap keyed by every short-lived transcript, costs the garbage collector nothing.

export function rememberLast<K, V>(compute: (key: K) => V): (key: K) => V {
  let lastKey: K | null = null;
  let lastValue: V | null = null;
  return (key: K): V => {
    if (key !== lastKey || lastValue === null) {
      lastValue = compute(key);
      lastKey = key;
    }
    return lastValue;
  };
}
