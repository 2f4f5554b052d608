import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RunInput } from '../../index.js';

export class Approve extends RunInput {
  @IsString()
  @IsNotEmpty()
  approver!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class Reject extends RunInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
