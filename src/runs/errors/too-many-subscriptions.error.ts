import { NestflowError } from './nestflow.error.js';

/** Options that bound graphql-ws operations running at once. */
export type SubscriptionLimit =
  'limits.maxSubscriptionsPerConnection' | 'limits.maxSubscriptionsPerClient' | 'limits.maxSubscriptions';

const SCOPE: Record<SubscriptionLimit, string> = {
  'limits.maxSubscriptionsPerConnection': 'per connection',
  'limits.maxSubscriptionsPerClient': 'per client',
  'limits.maxSubscriptions': 'on this server',
};

/** A graphql-ws operation above one of the subscription limits; it was not started. */
export class TooManySubscriptionsError extends NestflowError {
  readonly code = 'TOO_MANY_SUBSCRIPTIONS';

  constructor(
    readonly max: number,
    readonly option: SubscriptionLimit = 'limits.maxSubscriptionsPerConnection',
  ) {
    super(`At most ${max} subscriptions ${SCOPE[option]} (option ${option}): complete one first.`);
  }
}
