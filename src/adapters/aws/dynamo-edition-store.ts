import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { EditionCandidate } from '../../delivery/earlier-edition.js';
import type { EditionProgress, EditionRecord, EditionStore } from '../../edition/ports.js';

/**
 * Key schema of the editions table: partition key `pk` (S). Five kinds of item share it:
 * `edition#<digestId>` (the EditionRecord), `item#<itemKey>` (one per source item that went out, or that a
 * scheduled run left out as a duplicate of one that did, for `seen`),
 * `article#<articleId>` (the newest edition that carried that article, for `editionsCarrying`),
 * `latest` (a copy of the newest edition record) and `in-progress` (the edition being sent, if any).
 */
export const EDITIONS_KEY_SCHEMA = { partitionKey: { name: 'pk', type: 'S' } } as const;

/** Creates the editions table (tests, local development); in AWS the CDK stack owns it. */
export async function createEditionsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
}

const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toRecord(item: Record<string, unknown>): EditionRecord {
  const { pk: _pk, ...record } = item;
  return record as unknown as EditionRecord;
}

/** The EditionStore on DynamoDB: which source items went out in which edition, and which one is being sent. */
export class DynamoEditionStore implements EditionStore, EditionProgress {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async record(edition: EditionRecord): Promise<void> {
    // Item markers first: a crash after them but before the record only makes items look seen, never resent.
    // Article markers ride in the same batches (no extra request for a usual edition).
    const { digestId, date } = edition;
    await this.putMarkers([
      ...[...new Set(edition.itemKeys)].map((itemKey) => ({ pk: `item#${itemKey}`, digestId, date })),
      ...[...new Set(edition.articleIds)].map((articleId) => ({
        pk: `article#${articleId}`,
        digestId,
        date,
      })),
    ]);
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: `edition#${edition.digestId}`, ...edition } }),
    );
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: 'latest', ...edition },
          // ISO timestamps compare as strings; an older edition recorded late must not replace the newest.
          ConditionExpression: 'attribute_not_exists(pk) OR createdAt <= :createdAt',
          ExpressionAttributeValues: { ':createdAt': edition.createdAt },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  /** Item markers only (no edition record, no article marker): `seen` finds them, nothing else changes. */
  async markSeen(items: Array<{ itemKey: string; digestId: string; date: string }>): Promise<void> {
    await this.putMarkers(
      items.map(({ itemKey, digestId, date }) => ({ pk: `item#${itemKey}`, digestId, date })),
    );
  }

  /** Writes marker items in batches, retrying unprocessed ones. */
  private async putMarkers(markers: Array<{ pk: string; digestId: string; date: string }>): Promise<void> {
    for (const chunk of chunks(markers, BATCH_WRITE_LIMIT)) {
      let requests: Record<string, unknown>[] = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let round = 0; requests.length > 0; round++) {
        if (round >= MAX_UNPROCESSED_ROUNDS)
          throw new Error(`editions table: ${requests.length} item markers not written`);
        const result = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests as never } }),
        );
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      }
    }
  }

  async seen(itemKeys: string[]): Promise<Set<string>> {
    const items = await this.markers(itemKeys.map((itemKey) => `item#${itemKey}`));
    return new Set(items.map((item) => String(item.pk).slice('item#'.length)));
  }

  async editionsCarrying(articleIds: string[]): Promise<EditionCandidate[]> {
    const found = new Map<string, EditionCandidate>();
    for (const item of await this.markers(articleIds.map((id) => `article#${id}`))) {
      const digestId = String(item.digestId);
      const candidate = found.get(digestId) ?? { digestId, date: String(item.date), articleIds: [] };
      candidate.articleIds.push(String(item.pk).slice('article#'.length));
      found.set(digestId, candidate);
    }
    return [...found.values()];
  }

  /** Reads marker items by key (consistent reads, unprocessed keys retried). */
  private async markers(pks: string[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    for (const chunk of chunks([...new Set(pks)], BATCH_GET_LIMIT)) {
      let keys: Record<string, unknown>[] = chunk.map((pk) => ({ pk }));
      for (let round = 0; keys.length > 0; round++) {
        if (round >= MAX_UNPROCESSED_ROUNDS)
          throw new Error(`editions table: ${keys.length} item lookups unanswered`);
        const result = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        found.push(...(result.Responses?.[this.tableName] ?? []));
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      }
    }
    return found;
  }

  async latest(): Promise<EditionRecord | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: 'latest' }, ConsistentRead: true }),
    );
    return result.Item ? toRecord(result.Item) : undefined;
  }

  async recorded(digestId: string): Promise<EditionRecord | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `edition#${digestId}` }, ConsistentRead: true }),
    );
    return result.Item ? toRecord(result.Item) : undefined;
  }

  async begin(edition: EditionRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: 'in-progress', ...edition } }),
    );
  }

  async current(): Promise<EditionRecord | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: 'in-progress' }, ConsistentRead: true }),
    );
    return result.Item ? toRecord(result.Item) : undefined;
  }

  async finish(digestId: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: 'in-progress' },
          // Only the edition that finished clears the marker.
          ConditionExpression: 'digestId = :digestId',
          ExpressionAttributeValues: { ':digestId': digestId },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
