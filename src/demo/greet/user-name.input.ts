import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Describe, RunInput } from '../../index.js';

@Describe({ description: 'Who to greet.' })
export class UserNameInput extends RunInput {
  @Describe({ title: 'Your name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}
