import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SIGNUP_LIMITS, type SignupLimits } from '../../subscription/ports.js';

/** Creates the signup-limits table (tests, local runs): partition key `k`, TTL attribute `expiresAt` in AWS. */
export async function createSignupLimitsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
    }),
  );
}

const failed = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;

/**
 * Signup limits as DynamoDB counters, each a conditional write (so concurrent invocations cannot both
 * take the last unit) with a TTL attribute: `a#<email>` holds the address's cooldown, `s#<ip>#<window>`
 * counts a source's signups in one window. An expired item that TTL has not deleted yet counts as absent.
 */
export class DynamoSignupLimits implements SignupLimits {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly limits: {
      addressCooldownSeconds: number;
      perSource: number;
      sourceWindowSeconds: number;
    } = SIGNUP_LIMITS,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  takeAddress(email: string, nowSeconds: number): Promise<boolean> {
    return this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: { k: `a#${email.toLowerCase()}`, expiresAt: nowSeconds + this.limits.addressCooldownSeconds },
        ConditionExpression: 'attribute_not_exists(k) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
      }),
    );
  }

  /**
   * Ends the address's cooldown (its item expires now, only if it is still the one taken at `nowSeconds`)
   * and takes one back from the source's count. Put and Update only: the role has no DeleteItem.
   */
  async giveBack(source: string, email: string, nowSeconds: number): Promise<void> {
    const window = Math.floor(nowSeconds / this.limits.sourceWindowSeconds);
    await Promise.all([
      this.conditional(
        new PutCommand({
          TableName: this.tableName,
          Item: { k: `a#${email.toLowerCase()}`, expiresAt: nowSeconds },
          ConditionExpression: 'expiresAt = :taken',
          ExpressionAttributeValues: { ':taken': nowSeconds + this.limits.addressCooldownSeconds },
        }),
      ),
      this.conditional(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { k: `s#${source}#${window}` },
          UpdateExpression: 'ADD n :minusOne',
          ConditionExpression: 'n > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      ),
    ]);
  }

  /** Sends a conditional write; true when written, false when its condition did not hold. */
  private async conditional(command: PutCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.doc.send(command as PutCommand);
      return true;
    } catch (error) {
      if (failed(error)) return false;
      throw error;
    }
  }

  takeSource(source: string, nowSeconds: number): Promise<boolean> {
    const window = Math.floor(nowSeconds / this.limits.sourceWindowSeconds);
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { k: `s#${source}#${window}` },
        UpdateExpression: 'ADD n :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(n) OR n < :max',
        ExpressionAttributeValues: {
          ':one': 1,
          ':max': this.limits.perSource,
          ':expires': (window + 1) * this.limits.sourceWindowSeconds,
        },
      }),
    );
  }
}
