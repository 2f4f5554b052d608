import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Describe, RunInput } from '../../index.js';

@Describe({ description: 'Approve the expense.' })
export class Approve extends RunInput {
  @Describe({ title: 'Approved by' })
  @IsString()
  @IsNotEmpty()
  approver!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

@Describe({ description: 'Reject the expense, saying why.' })
export class Reject extends RunInput {
  @Describe({ description: 'Told to whoever asked.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
