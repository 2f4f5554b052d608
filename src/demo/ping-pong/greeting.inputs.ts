import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { RunInput } from '../../index.js';

export class NameInput extends RunInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}

export class GreetingInput extends RunInput {
  @IsString()
  @IsNotEmpty()
  text!: string;
}
