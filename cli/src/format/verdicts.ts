export {
  approvalReason,
  verdictReason,
  verdictsOf,
  type Verdict,
  type Verdicts,
} from '@kuberik/core/present';
