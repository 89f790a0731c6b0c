// A small local type for apiextensions.k8s.io/v1 CustomResourceDefinition: only what our CRDs use.
import type { JSONSchemaProps } from './openapi.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  /** 0 = default `kubectl get`; 1 = only with `-o wide`. */
  priority?: number;
}

export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema: { openAPIV3Schema: JSONSchemaProps };
  subresources?: { status?: Record<string, never> };
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CustomResourceDefinitionNames {
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    group: string;
    names: CustomResourceDefinitionNames;
    scope: 'Namespaced' | 'Cluster';
    versions: CustomResourceDefinitionVersion[];
    conversion?: { strategy: 'None' };
  };
}

export const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

/** Builds a CRD from the parts that differ between kinds; plural and list kind follow the usual rules. */
export function defineCrd(input: {
  group: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  versions: CustomResourceDefinitionVersion[];
  shortNames?: string[];
  categories?: string[];
  labels?: Record<string, string>;
  conversion?: { strategy: 'None' };
}): CustomResourceDefinition {
  const names: CustomResourceDefinitionNames = {
    kind: input.kind,
    listKind: `${input.kind}List`,
    plural: input.plural,
    singular: input.kind.toLowerCase(),
  };
  if (input.shortNames?.length) names.shortNames = input.shortNames;
  if (input.categories?.length) names.categories = input.categories;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${input.plural}.${input.group}`, ...(input.labels ? { labels: input.labels } : {}) },
    spec: {
      group: input.group,
      names,
      scope: input.scope,
      versions: input.versions,
      ...(input.conversion ? { conversion: input.conversion } : {}),
    },
  };
}
