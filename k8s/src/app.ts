// The cdk8s app: one construct per catalog service plus the namespace-wide objects.
// build() returns the synthesized objects in order, each with the condition (if any)
// under which the chart creates it.
import { ApiObject, App, Chart } from 'cdk8s';
import { SERVICES } from '@medgrade/kit/catalog';
import { finalManifest } from './manifest-patch';
import { addConfigMap, addDevDatabases, addIngress, addNetworkPolicies } from './platform';
import { ConcreteValues, TemplateValues, type Values } from './render';
import { MedgradeService } from './service';
import { BASE, type MedgradeValues } from './values';

export interface SynthObject {
  manifest: Record<string, any>;
  /** Index into TemplateValues.conditions when the object is conditional (chart only). */
  condition?: number;
}

function apiObjects(app: App): ApiObject[] {
  return app.charts.flatMap((c) => c.node.findAll().filter((n): n is ApiObject => n instanceof ApiObject));
}

function compose(app: App, values: Values, namespace?: string): void {
  const chart = new Chart(app, 'medgrade', { namespace, disableResourceNameHashes: true });
  const configInputs = addConfigMap(chart, values);
  for (const spec of SERVICES) new MedgradeService(chart, spec, values, configInputs);
  addNetworkPolicies(chart, values);
  addIngress(chart, values);
  addDevDatabases(chart, values);
}

function synthesize(app: App): Record<string, any>[] {
  app.synthYaml(); // runs cdk8s validation and dependency resolution
  return apiObjects(app).map(finalManifest);
}

/** Plain manifests for fully resolved values. */
export function buildManifests(values: MedgradeValues, namespace: string): SynthObject[] {
  const app = new App();
  compose(app, new ConcreteValues(values, namespace), namespace);
  return synthesize(app).map((manifest) => ({ manifest }));
}

/** Objects carrying sentinels, for the chart writer. */
export function buildTemplateObjects(): { objects: SynthObject[]; values: TemplateValues } {
  const app = new App();
  const values = new TemplateValues(BASE, () => apiObjects(app).map((o) => o.node.path));
  compose(app, values, values.namespace);
  const objects = apiObjects(app);
  const manifests = synthesize(app);
  return {
    values,
    objects: manifests.map((manifest, i) => ({ manifest, condition: values.objectConditions.get(objects[i]!.node.path) })),
  };
}
