import { NestflowError } from './nestflow.error.js';

/** Options that bound graphql-ws operations running at once. */
export type SubscriptionLimit =
  | 'limits.maxSubscriptionsPerConnection'
  | 'limits.maxSubscriptionsPerClient'
  | 'limits.maxSubscriptions'
  | 'limits.maxSubscriptionCostPerClient';

const SCOPE: Record<SubscriptionLimit, string> = {
  'limits.maxSubscriptionsPerConnection': 'per connection',
  'limits.maxSubscriptionsPerClient': 'per client',
  'limits.maxSubscriptions': 'on this server',
  'limits.maxSubscriptionCostPerClient': '',
};

/** A graphql-ws operation above one of the subscription limits; it was not started. */
export class TooManySubscriptionsError extends NestflowError {
  readonly code = 'TOO_MANY_SUBSCRIPTIONS';

  constructor(
    readonly max: number,
    readonly option: SubscriptionLimit = 'limits.maxSubscriptionsPerConnection',
  ) {
    super(
      option === 'limits.maxSubscriptionCostPerClient'
        ? `The subscriptions of one client may cost at most ${max} together, per event (option ${option}): complete one or select fewer fields.`
        : `At most ${max} subscriptions ${SCOPE[option]} (option ${option}): complete one first.`,
    );
  }
}
