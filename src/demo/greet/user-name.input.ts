import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { RunInput } from '../../index.js';

export class UserNameInput extends RunInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}
