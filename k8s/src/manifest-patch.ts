// Patches applied to an object's final manifest. cdk8s's own ApiObject.addJsonPatch runs
// before the typed Kube* serializers of cdk8s-plus, which drop what they model with other
// types (a resources block of plain strings becomes {}) and cannot carry the chart's
// sentinels; patching the serialized manifest is exact.
import { ApiObject, JsonPatch } from 'cdk8s';
import type { IConstruct } from 'constructs';

const patches = new WeakMap<ApiObject, JsonPatch[]>();

export function patchManifest(target: IConstruct, ...ops: JsonPatch[]): void {
  const api = ApiObject.of(target);
  patches.set(api, [...(patches.get(api) ?? []), ...ops]);
}

/** The object's manifest with every patchManifest() operation applied, in order. */
export function finalManifest(api: ApiObject): Record<string, any> {
  return JsonPatch.apply(api.toJson(), ...(patches.get(api) ?? []));
}
