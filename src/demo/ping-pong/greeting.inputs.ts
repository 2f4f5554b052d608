import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Describe, RunInput } from '../../index.js';

@Describe({ title: 'Name to greet', description: 'The greeter answers with a greeting; "stop" ends it.' })
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
