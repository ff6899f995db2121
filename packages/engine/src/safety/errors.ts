/** Stable machine codes of {@link SafetyError}. */
export type SafetyErrorCode =
  | 'resume_needs_force'
  | 'invalid_safety_config'
  | 'invalid_pause'
  | 'invalid_input'
  | 'invalid_snapshot';

/**
 * The safety enforcer refused a request: a resume inside the guard window without `force` (the API
 * answers 409), a malformed config or snapshot, a pause that ends in the past, a fill without a price.
 *
 * @example
 * try { enforcer.resume() } catch (error) {
 *   if (error instanceof SafetyError && error.code === 'resume_needs_force') { ... } // 409
 * }
 */
export class SafetyError extends Error {
  override readonly name = 'SafetyError';
  constructor(
    readonly code: SafetyErrorCode,
    message: string,
    /** The config or snapshot field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}
