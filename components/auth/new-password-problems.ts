import type { FieldErrors } from "@/components/ui/form-parts";
import { passwordProblem } from "@/lib/contract/passwords";

/**
 * What is wrong with a new password typed twice (the reset and account forms), by field: the
 * strength rule the server applies too, and whether the confirmation matches. Empty when fine.
 */
export function newPasswordProblems(password: string, confirmation: string, context: { email?: string; name?: string }, passwordField: string): FieldErrors {
  const problems: FieldErrors = {};
  const weak = passwordProblem(password, context);
  if (weak) problems[passwordField] = [weak];
  if (!confirmation) problems.confirm = ["Type the new password again."];
  else if (confirmation !== password) problems.confirm = ["The two passwords do not match."];
  return problems;
}
