/** A prerequisite or precondition the operator must fix; printed without a stack trace. */
export class DeployError extends Error {
  override name = 'DeployError';
}
