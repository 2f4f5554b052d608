import { Injectable } from '@nestjs/common';
import { Flow, getRunLogger, pauseFlowRun } from '../../index.js';
import { UserNameInput } from './user-name.input.js';

@Injectable()
export class GreetFlows {
  /** The seed's greet_user with initial data. */
  @Flow({ description: 'Greet a user by name', inputs: [UserNameInput] })
  async greetUser(): Promise<string> {
    const logger = getRunLogger();
    const user = await pauseFlowRun({ waitForInput: UserNameInput.withInitialData({ name: 'anonymous' }) });
    const greeting = user.name === 'anonymous' ? 'Hello, stranger!' : `Hello, ${user.name}!`;
    logger.info(greeting);
    return greeting;
  }
}
