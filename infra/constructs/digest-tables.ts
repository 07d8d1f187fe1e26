import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DigestTablesProps {
  retain: boolean;
}

/**
 * The DynamoDB tables. Key schemas match the adapters in src/adapters/aws: subscribers by `email`,
 * the send ledger by `digestId` + `recipient` (rows expire via `expiresAt`), editions by `pk`
 * (src/adapters/aws/dynamo-edition-store.ts), Powertools idempotency records by `id` (expire via `expiration`).
 * Unconfirmed signups expire from subscribers via `expiresAt`; signup counters live in their own table by `k`.
 */
export class DigestTables extends Construct {
  readonly subscribers: dynamodb.Table;
  readonly ledger: dynamodb.Table;
  readonly editions: dynamodb.Table;
  readonly idempotency: dynamodb.Table;
  readonly signupLimits: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DigestTablesProps) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };
    const str = dynamodb.AttributeType.STRING;
    this.subscribers = new dynamodb.Table(this, 'Subscribers', {
      ...common,
      partitionKey: { name: 'email', type: str },
      // Set on an unconfirmed signup, removed on confirmation: pending records expire on their own.
      timeToLiveAttribute: 'expiresAt',
    });
    this.ledger = new dynamodb.Table(this, 'SendLedger', {
      ...common,
      partitionKey: { name: 'digestId', type: str },
      sortKey: { name: 'recipient', type: str },
      timeToLiveAttribute: 'expiresAt',
    });
    this.editions = new dynamodb.Table(this, 'Editions', {
      ...common,
      partitionKey: { name: 'pk', type: str },
    });
    this.idempotency = new dynamodb.Table(this, 'Idempotency', {
      ...common,
      partitionKey: { name: 'id', type: str },
      timeToLiveAttribute: 'expiration',
    });
    // Short-lived counters (per-address cooldown, per-source budget), each row expiring via TTL.
    this.signupLimits = new dynamodb.Table(this, 'SignupLimits', {
      ...common,
      partitionKey: { name: 'k', type: str },
      timeToLiveAttribute: 'expiresAt',
    });
  }
}
