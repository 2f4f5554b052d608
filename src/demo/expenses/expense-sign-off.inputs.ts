import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Describe, RunInput } from '../../index.js';

/** An approver's yes: who gave it is the principal, so the answer only carries a comment. */
@Describe({ title: 'Sign off', description: 'Approve the expense.' })
export class ExpenseSignOff extends RunInput {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

/** An approver's no: one is enough to stop the expense. */
@Describe({ title: 'Turn down', description: 'Reject the expense; one rejection is final.' })
export class ExpenseTurnDown extends RunInput {
  @Describe({ description: 'Told to whoever asked.' })
  @IsIn(['over budget', 'missing receipt', 'not a business expense'])
  reason!: string;
}
