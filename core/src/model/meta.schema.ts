// Schemas of the shared Kubernetes shapes in meta.ts (metav1.Condition, metav1.LabelSelector).
import type {
  Condition,
  ConditionStatus,
  LabelSelector,
  LabelSelectorRequirement,
  ObjectRef,
} from './meta.js';
import {
  arrayOf,
  enumOf,
  int,
  mapOf,
  objectOf,
  str,
  type ArraySchema,
  type ObjectSchema,
} from './openapi.js';

export const labelSelectorSchema = (description: string): ObjectSchema =>
  objectOf<LabelSelector>()(
    {
      matchLabels: mapOf(str(), { description: 'Labels an object must carry, all of them.' }),
      matchExpressions: arrayOf(
        objectOf<LabelSelectorRequirement>()(
          {
            key: str(),
            operator: enumOf<LabelSelectorRequirement['operator']>()([
              'In',
              'NotIn',
              'Exists',
              'DoesNotExist',
            ]),
            values: arrayOf(str(), { 'x-kubernetes-list-type': 'atomic' }),
          },
          ['key', 'operator'],
        ),
        { 'x-kubernetes-list-type': 'atomic' },
      ),
    },
    [],
    { description, 'x-kubernetes-map-type': 'atomic' },
  );

/** metav1.Condition, with the same validation the Kubernetes API types carry. */
export const conditionSchema: ObjectSchema = objectOf<Condition>()(
  {
    type: str({
      maxLength: 316,
      pattern:
        '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
    }),
    status: enumOf<ConditionStatus>()(['True', 'False', 'Unknown']),
    reason: str({ minLength: 1, maxLength: 1024, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' }),
    message: str({ maxLength: 32768 }),
    lastTransitionTime: str({ format: 'date-time' }),
    observedGeneration: int({ format: 'int64', minimum: 0 }),
  },
  ['type', 'status', 'reason', 'message', 'lastTransitionTime'],
);

/** `conditions[]`, merged by `type` (so server-side apply and strategic merges key on it). */
export const conditionsSchema: ArraySchema = arrayOf(conditionSchema, {
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
});

export const objectRefSchema = (description: string): ObjectSchema =>
  objectOf<ObjectRef>()(
    {
      name: str({ minLength: 1 }),
      namespace: str({ description: "Defaults to the referrer's namespace." }),
    },
    ['name'],
    { description },
  );
