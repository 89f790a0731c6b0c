// Minimal schemas of the Flux kinds we read or write, for the sandbox. They model only the fields
// Kuberik uses and keep everything else as written, so real Flux manifests apply unchanged.
import type { ImagePolicyStatus, KustomizationStatus, OCIRepositoryStatus } from './flux.js';
import { conditionsSchema } from './meta.schema.js';
import { anyObject, int, mapOf, objectOf, str, type JSONSchemaProps } from './openapi.js';

const topLevel = (spec: JSONSchemaProps, status: JSONSchemaProps): JSONSchemaProps => ({
  type: 'object',
  properties: { apiVersion: str(), kind: str(), metadata: { type: 'object' }, spec, status },
});

/** Shared by v1 (reads latestRef) and v1beta2 (reads latestImage): one stored object serves both. */
export const imagePolicySchema = topLevel(
  anyObject(),
  objectOf<ImagePolicyStatus>()(
    {
      latestRef: objectOf<NonNullable<ImagePolicyStatus['latestRef']>>()(
        { name: str(), tag: str(), digest: str() },
        ['tag'],
        { description: 'v1: the latest image selected by the policy.' },
      ),
      latestImage: str({ description: 'v1beta2: the latest image as "repo:tag".' }),
      observedGeneration: int({ format: 'int64' }),
      conditions: conditionsSchema,
    },
    [],
    { 'x-kubernetes-preserve-unknown-fields': true },
  ),
);

export const imageRepositorySchema = topLevel(
  anyObject({
    properties: { image: str({ description: 'Registry and repository, e.g. ghcr.io/org/app.' }) },
  }),
  anyObject({ properties: { conditions: conditionsSchema } }),
);

export const kustomizationSchema = topLevel(
  anyObject({
    properties: {
      postBuild: anyObject({
        properties: {
          substitute: mapOf(str(), { description: 'Variables substituted into the built manifests.' }),
        },
      }),
    },
  }),
  objectOf<KustomizationStatus>()(
    {
      observedGeneration: int({ format: 'int64', default: -1 }),
      conditions: conditionsSchema,
      lastAppliedRevision: str(),
    },
    [],
    // Flux's CRD defaults a new object's status so kstatus can tell "never reconciled" apart.
    { 'x-kubernetes-preserve-unknown-fields': true, default: { observedGeneration: -1 } },
  ),
);

export const ociRepositorySchema = topLevel(
  anyObject({
    properties: {
      url: str({ description: 'oci://registry/repository' }),
      ref: anyObject({
        properties: {
          tag: str({ description: 'The tag to pull; rollouts set it when they deploy.' }),
          semver: str({ description: 'Overrides tag in Flux.' }),
          digest: str({ description: 'Overrides tag and semver in Flux.' }),
        },
      }),
    },
  }),
  objectOf<OCIRepositoryStatus>()(
    {
      observedGeneration: int({ format: 'int64', default: -1 }),
      conditions: conditionsSchema,
      artifact: anyObject({ properties: { revision: str(), digest: str() } }),
    },
    [],
    { 'x-kubernetes-preserve-unknown-fields': true, default: { observedGeneration: -1 } },
  ),
);
