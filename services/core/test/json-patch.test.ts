import assert from 'node:assert/strict';
import { applyJsonPatch, JsonPatchError, type JsonPatchFailure } from '../src/edit/json-patch';

function expectPatchError(
  doc: unknown,
  ops: unknown,
  expected: { index: number; reason: JsonPatchFailure; op?: string | null; path?: string | null },
): JsonPatchError {
  let caught: unknown;
  try {
    applyJsonPatch(doc, ops);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof JsonPatchError, `expected a JsonPatchError, got ${String(caught)}`);
  assert.equal(caught.index, expected.index);
  assert.equal(caught.reason, expected.reason);
  if (expected.op !== undefined) assert.equal(caught.op, expected.op);
  if (expected.path !== undefined) assert.equal(caught.path, expected.path);
  return caught;
}

describe('applyJsonPatch (RFC 6902)', () => {
  describe('add', () => {
    it('adds an object member', () => {
      assert.deepEqual(applyJsonPatch({ drug: 'heparin' }, [{ op: 'add', path: '/dose', value: 5000 }]), {
        drug: 'heparin',
        dose: 5000,
      });
    });

    it('inserts into an array, shifting later elements right', () => {
      const result = applyJsonPatch({ vitals: ['pulse', 'temp'] }, [{ op: 'add', path: '/vitals/1', value: 'bp' }]);
      assert.deepEqual(result, { vitals: ['pulse', 'bp', 'temp'] });
    });

    it('appends with the "-" index and accepts the index equal to the length', () => {
      const doc = { labs: ['lipase'] };
      assert.deepEqual(applyJsonPatch(doc, [{ op: 'add', path: '/labs/-', value: 'amylase' }]), { labs: ['lipase', 'amylase'] });
      assert.deepEqual(applyJsonPatch(doc, [{ op: 'add', path: '/labs/1', value: 'lft' }]), { labs: ['lipase', 'lft'] });
    });

    it('rejects an index past the end of the array', () => {
      expectPatchError({ labs: ['lipase'] }, [{ op: 'add', path: '/labs/2', value: 'x' }], {
        index: 0,
        reason: 'index_out_of_range',
        op: 'add',
        path: '/labs/2',
      });
    });

    it('overwrites a member that already exists', () => {
      assert.deepEqual(applyJsonPatch({ site: 'RLQ' }, [{ op: 'add', path: '/site', value: 'LUQ' }]), { site: 'LUQ' });
    });

    it('inserts an array value as one element, not spread', () => {
      assert.deepEqual(applyJsonPatch({ grid: [0] }, [{ op: 'add', path: '/grid/1', value: [7, 8] }]), { grid: [0, [7, 8]] });
    });

    it('stores null as a value', () => {
      assert.deepEqual(applyJsonPatch({}, [{ op: 'add', path: '/pattern', value: null }]), { pattern: null });
    });

    it('replaces the whole document when the path is empty', () => {
      assert.deepEqual(applyJsonPatch({ old: true }, [{ op: 'add', path: '', value: ['fresh'] }]), ['fresh']);
    });

    it('requires the parent to exist', () => {
      expectPatchError({ a: {} }, [{ op: 'add', path: '/a/b/c', value: 1 }], { index: 0, reason: 'path_not_found' });
    });

    it('requires the parent to be a container', () => {
      expectPatchError({ a: 'text' }, [{ op: 'add', path: '/a/b', value: 1 }], { index: 0, reason: 'path_not_found' });
    });

    it('treats digit tokens as member names on objects', () => {
      assert.deepEqual(applyJsonPatch({ beds: {} }, [{ op: 'add', path: '/beds/12', value: 'free' }]), { beds: { '12': 'free' } });
    });

    it('rejects array indexes with leading zeros', () => {
      expectPatchError({ a: [1, 2] }, [{ op: 'add', path: '/a/01', value: 0 }], { index: 0, reason: 'path_not_found' });
    });
  });

  describe('remove', () => {
    it('removes an object member', () => {
      assert.deepEqual(applyJsonPatch({ a: 1, b: 2 }, [{ op: 'remove', path: '/a' }]), { b: 2 });
    });

    it('removes an array element, shifting later elements left', () => {
      assert.deepEqual(applyJsonPatch(['ct', 'mri', 'us'], [{ op: 'remove', path: '/0' }]), ['mri', 'us']);
    });

    it('fails on a missing member, an out-of-range index and the "-" index', () => {
      expectPatchError({ a: 1 }, [{ op: 'remove', path: '/b' }], { index: 0, reason: 'path_not_found' });
      expectPatchError({ a: [1] }, [{ op: 'remove', path: '/a/1' }], { index: 0, reason: 'index_out_of_range' });
      expectPatchError({ a: [1] }, [{ op: 'remove', path: '/a/-' }], { index: 0, reason: 'index_out_of_range' });
    });

    it('refuses to remove the whole document', () => {
      expectPatchError({ a: 1 }, [{ op: 'remove', path: '' }], { index: 0, reason: 'invalid_pointer' });
    });
  });

  describe('replace', () => {
    it('replaces an existing member and array element', () => {
      const result = applyJsonPatch({ w: 0.2, list: ['a', 'b'] }, [
        { op: 'replace', path: '/w', value: 0.3 },
        { op: 'replace', path: '/list/1', value: 'c' },
      ]);
      assert.deepEqual(result, { w: 0.3, list: ['a', 'c'] });
    });

    it('requires the target to exist', () => {
      expectPatchError({ w: 0.2 }, [{ op: 'replace', path: '/x', value: 1 }], { index: 0, reason: 'path_not_found' });
      expectPatchError({ l: [] }, [{ op: 'replace', path: '/l/0', value: 1 }], { index: 0, reason: 'index_out_of_range' });
    });

    it('replaces the root', () => {
      assert.equal(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: 42 }]), 42);
    });
  });

  describe('move', () => {
    it('moves a member to another object', () => {
      const result = applyJsonPatch({ draft: { note: 'x' }, final: {} }, [{ op: 'move', from: '/draft/note', path: '/final/note' }]);
      assert.deepEqual(result, { draft: {}, final: { note: 'x' } });
    });

    it('moves an array element: removal happens before insertion', () => {
      // Removing index 0 from [a,b,c,d] leaves [b,c,d]; inserting at 2 gives [b,c,a,d].
      const result = applyJsonPatch({ l: ['a', 'b', 'c', 'd'] }, [{ op: 'move', from: '/l/0', path: '/l/2' }]);
      assert.deepEqual(result, { l: ['b', 'c', 'a', 'd'] });
    });

    it('treats a move onto itself as a no-op, but the source must exist', () => {
      assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'move', from: '/a', path: '/a' }]), { a: 1 });
      expectPatchError({ a: 1 }, [{ op: 'move', from: '/b', path: '/b' }], { index: 0, reason: 'path_not_found' });
    });

    it('refuses to move a value into its own child', () => {
      expectPatchError({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }], {
        index: 0,
        reason: 'move_into_descendant',
      });
    });

    it('allows a move to a sibling whose name starts with the source name', () => {
      assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'move', from: '/a', path: '/ab' }]), { ab: 1 });
    });
  });

  describe('copy', () => {
    it('copies deeply: the copy and the original do not share structure', () => {
      const result = applyJsonPatch({ src: { list: [1] } }, [
        { op: 'copy', from: '/src', path: '/dst' },
        { op: 'add', path: '/dst/list/-', value: 2 },
      ]);
      assert.deepEqual(result, { src: { list: [1] }, dst: { list: [1, 2] } });
    });

    it('requires the source to exist', () => {
      expectPatchError({}, [{ op: 'copy', from: '/nowhere', path: '/x' }], { index: 0, reason: 'path_not_found' });
    });
  });

  describe('test', () => {
    it('compares objects regardless of member order', () => {
      const doc = { q: { id: 'pain', critical: true, phrases: ['where', 'when'] } };
      const value = { phrases: ['where', 'when'], critical: true, id: 'pain' };
      assert.deepEqual(applyJsonPatch(doc, [{ op: 'test', path: '/q', value }]), doc);
    });

    it('fails when array order, type or value differ', () => {
      const doc = { l: ['a', 'b'], n: 3, s: '3', nothing: null };
      expectPatchError(doc, [{ op: 'test', path: '/l', value: ['b', 'a'] }], { index: 0, reason: 'test_failed' });
      expectPatchError(doc, [{ op: 'test', path: '/n', value: '3' }], { index: 0, reason: 'test_failed' });
      expectPatchError(doc, [{ op: 'test', path: '/s', value: ['3'] }], { index: 0, reason: 'test_failed' });
      expectPatchError(doc, [{ op: 'test', path: '/nothing', value: {} }], { index: 0, reason: 'test_failed' });
      expectPatchError(doc, [{ op: 'test', path: '/l', value: { 0: 'a', 1: 'b' } }], { index: 0, reason: 'test_failed' });
    });

    it('matches equal numbers written differently and null', () => {
      const doc = JSON.parse('{"n": 2.50, "z": null}') as unknown;
      assert.doesNotThrow(() => applyJsonPatch(doc, [{ op: 'test', path: '/n', value: 2.5 }, { op: 'test', path: '/z', value: null }]));
    });

    it('fails on a missing target', () => {
      expectPatchError({}, [{ op: 'test', path: '/ghost', value: null }], { index: 0, reason: 'path_not_found' });
    });
  });

  describe('pointers', () => {
    it('unescapes ~1 to "/" and ~0 to "~", in that order', () => {
      const doc = { 'mg/kg': 1, 'x~y': 2, '~1': 3 };
      const result = applyJsonPatch(doc, [
        { op: 'test', path: '/mg~1kg', value: 1 },
        { op: 'test', path: '/x~0y', value: 2 },
        // "~01" decodes to "~1", not "/".
        { op: 'test', path: '/~01', value: 3 },
      ]);
      assert.deepEqual(result, doc);
    });

    it('addresses the empty-string member with "/"', () => {
      assert.deepEqual(applyJsonPatch({ '': 1 }, [{ op: 'replace', path: '/', value: 9 }]), { '': 9 });
    });

    it('rejects malformed pointers', () => {
      expectPatchError({}, [{ op: 'add', path: 'no-slash', value: 1 }], { index: 0, reason: 'invalid_pointer', path: 'no-slash' });
      expectPatchError({}, [{ op: 'add', path: '/bad~2escape', value: 1 }], { index: 0, reason: 'invalid_pointer' });
      expectPatchError({ a: 1 }, [{ op: 'copy', from: 'a', path: '/b' }], { index: 0, reason: 'invalid_pointer' });
    });

    it('writes a "__proto__" member as data without touching any prototype', () => {
      const result = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
      assert.ok(Object.prototype.hasOwnProperty.call(result, '__proto__'));
      assert.equal(Object.getPrototypeOf(result), Object.prototype);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });

  describe('malformed patches', () => {
    it('rejects a patch that is not an array', () => {
      expectPatchError({}, { op: 'add', path: '/a', value: 1 }, { index: -1, reason: 'malformed_patch', op: null, path: null });
    });

    it('rejects operations with a missing or unknown op, path, from or value', () => {
      expectPatchError({}, ['add'], { index: 0, reason: 'malformed_op', op: null });
      expectPatchError({}, [{ op: 'merge', path: '/a', value: 1 }], { index: 0, reason: 'malformed_op', op: 'merge' });
      expectPatchError({}, [{ op: 'add', value: 1 }], { index: 0, reason: 'malformed_op', path: null });
      expectPatchError({}, [{ op: 'add', path: '/a' }], { index: 0, reason: 'malformed_op' });
      expectPatchError({}, [{ op: 'test', path: '/a' }], { index: 0, reason: 'malformed_op' });
      expectPatchError({ a: 1 }, [{ op: 'move', path: '/b' }], { index: 0, reason: 'malformed_op' });
    });

    it('ignores members the operation does not use', () => {
      assert.deepEqual(applyJsonPatch({ a: 1 }, [{ op: 'remove', path: '/a', value: 'ignored', from: '/x' }]), {});
    });
  });

  describe('atomicity and purity', () => {
    it('applies operations in order, each seeing the previous ones', () => {
      const result = applyJsonPatch({}, [
        { op: 'add', path: '/steps', value: [] },
        { op: 'add', path: '/steps/-', value: 'triage' },
        { op: 'test', path: '/steps/0', value: 'triage' },
      ]);
      assert.deepEqual(result, { steps: ['triage'] });
    });

    it('is all or nothing: a failure leaves the input untouched and names the failing operation', () => {
      const doc = { a: 1, list: [1, 2] };
      const snapshot = JSON.stringify(doc);
      const error = expectPatchError(
        doc,
        [
          { op: 'replace', path: '/a', value: 2 },
          { op: 'remove', path: '/list/0' },
          { op: 'test', path: '/a', value: 1 },
        ],
        { index: 2, reason: 'test_failed', op: 'test', path: '/a' },
      );
      assert.match(error.message, /operation 2 \(test\)/);
      assert.equal(JSON.stringify(doc), snapshot);
    });

    it('never mutates the input nor aliases operation values into the result', () => {
      const doc = { nested: { list: ['x'] } };
      const value = { inner: ['y'] };
      const result = applyJsonPatch(doc, [{ op: 'add', path: '/extra', value }]) as { nested: { list: string[] }; extra: typeof value };
      result.nested.list.push('changed');
      result.extra.inner.push('changed');
      assert.deepEqual(doc, { nested: { list: ['x'] } });
      assert.deepEqual(value, { inner: ['y'] });
    });

    it('returns an equal copy for an empty patch', () => {
      const doc = { a: [1] };
      const result = applyJsonPatch(doc, []);
      assert.deepEqual(result, doc);
      assert.notEqual(result, doc);
    });
  });
});
