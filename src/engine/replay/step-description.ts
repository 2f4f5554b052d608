import type { RecordedStep, StepCall } from './durable-step.js';

/** How a DeterminismError names a recorded step. */
export function describeRecorded(step: RecordedStep): string {
  if (step.kind === 'task') return `task "${step.name}" (key "${step.key}")`;
  if (step.kind === 'pause') return `a pause (key "${step.key}") for ${step.input.inputType ?? 'no input'}`;
  if (step.kind === 'patch') return `patched("${step.key}") taking its new code path`;
  return step.message ? `a receiveInput that took a ${step.message.inputType}` : 'a receiveInput that timed out';
}

/** How a DeterminismError names the call the code makes now. */
export function describeCall(call: StepCall): string {
  if (call.kind === 'task') return `task "${call.name}" (key "${call.key}")`;
  const types = call.inputClasses.map((inputClass) => inputClass.name).join(' | ');
  if (call.kind === 'pause') return `a pause (key "${call.key}") for ${types || 'no input'}`;
  return `a receiveInput for ${types}`;
}
