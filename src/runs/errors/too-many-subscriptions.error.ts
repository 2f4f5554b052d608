import { NestflowError } from './nestflow.error.js';

/** A graphql-ws connection asked for more operations at once than `limits.maxSubscriptionsPerConnection`. */
export class TooManySubscriptionsError extends NestflowError {
  readonly code = 'TOO_MANY_SUBSCRIPTIONS';

  constructor(readonly max: number) {
    super(`At most ${max} subscriptions per connection (option limits.maxSubscriptionsPerConnection): complete one first.`);
  }
}
