// Standard app.kubernetes.io labels and object names shared by every construct.
import type { Values } from './render';

export const PART_OF = 'medgrade';
export const CONFIG_MAP_NAME = 'medgrade-config';
export const APP_UID = 10001;

export const NAME_PREFIX = 'medgrade-';
export const objectName = (component: string): string => `${NAME_PREFIX}${component}`;

/** Labels that select a component's pods: stable for the life of a release. */
export function selectorLabels(values: Values, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': objectName(component), 'app.kubernetes.io/instance': values.releaseName };
}

export function commonLabels(values: Values, component: string, role: string): Record<string, string> {
  return {
    ...selectorLabels(values, component),
    'app.kubernetes.io/component': role,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': values.managedBy,
  };
}

/** In-cluster DNS name of a component's Service. */
export function serviceHost(values: Values, component: string): string {
  return `${objectName(component)}.${values.namespace}.svc.cluster.local`;
}
