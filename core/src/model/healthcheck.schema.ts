// OpenAPI schema of HealthCheck (spec §2.4), checked against healthcheck.ts.
import type { HealthCheckSpec, HealthCheckStatus, HealthStatus } from './healthcheck.js';
import { dateTime, enumOf, objectOf, str, type JSONSchemaProps } from './openapi.js';

export const healthCheckSpecSchema = objectOf<HealthCheckSpec>()(
  {
    class: str({ description: 'Who fills the status; `kustomization` is evaluated by the Kuberik engine.' }),
  },
  [],
);

export const healthCheckStatusSchema = objectOf<HealthCheckStatus>()(
  {
    status: enumOf<HealthStatus | ''>()(['Healthy', 'Unhealthy', 'Pending', '']),
    message: str(),
    lastChangeTime: dateTime('When status last changed value.'),
    lastErrorTime: dateTime('When a failure was last observed.'),
  },
  [],
);

export const healthCheckSchema: JSONSchemaProps = {
  type: 'object',
  description: 'HealthCheck reports whether part of an environment is healthy; Rollouts bake against it.',
  properties: {
    apiVersion: str(),
    kind: str(),
    metadata: { type: 'object' },
    spec: healthCheckSpecSchema,
    status: healthCheckStatusSchema,
  },
};
