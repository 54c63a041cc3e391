import assert from 'node:assert/strict';
import { diffRubrics } from '../src/edit/diff';

describe('diffRubrics', () => {
  it('is empty for equal documents, whatever their member order', () => {
    assert.deepEqual(diffRubrics({ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 }), []);
  });

  it('reports added, removed and replaced members with null for the absent side', () => {
    assert.deepEqual(diffRubrics({ keep: 1, gone: 'x', same: true }, { keep: 2, same: true, fresh: [] }), [
      { path: '/keep', change: 'replace', before: 1, after: 2 },
      { path: '/gone', change: 'remove', before: 'x', after: null },
      { path: '/fresh', change: 'add', before: null, after: [] },
    ]);
  });

  it('aligns lists of items by id: removal at the old index, changes at the new one', () => {
    const before = { items: [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 3 }] };
    const after = { items: [{ id: 'b', v: 2 }, { id: 'c', v: 30 }, { id: 'd', v: 4 }] };
    assert.deepEqual(diffRubrics(before, after), [
      { path: '/items/0', change: 'remove', before: { id: 'a', v: 1 }, after: null },
      { path: '/items/1/v', change: 'replace', before: 3, after: 30 },
      { path: '/items/2', change: 'add', before: null, after: { id: 'd', v: 4 } },
    ]);
  });

  it('shows arrays without unique ids whole', () => {
    assert.deepEqual(diffRubrics({ order: ['CC', 'HPI'] }, { order: ['HPI', 'CC'] }), [
      { path: '/order', change: 'replace', before: ['CC', 'HPI'], after: ['HPI', 'CC'] },
    ]);
    const twins = [{ id: 'x' }, { id: 'x' }];
    assert.deepEqual(diffRubrics({ l: twins }, { l: [{ id: 'x' }] }), [{ path: '/l', change: 'replace', before: twins, after: [{ id: 'x' }] }]);
  });

  it('escapes member names in paths', () => {
    assert.deepEqual(diffRubrics({ 'mg/kg': 1 }, { 'mg/kg': 2 }), [{ path: '/mg~1kg', change: 'replace', before: 1, after: 2 }]);
  });
});
