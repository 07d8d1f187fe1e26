import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EditionDocument, EditionStatus } from '../../edition/document.js';
import type { DraftState, DraftStore } from '../../edition/ports.js';
import { InputError } from '../../errors.js';

/** Where rendered editions and drafts live in the articles bucket (infra/digest-stack.ts WEB_ARCHIVE_PREFIX). */
export const DEFAULT_EDITIONS_PREFIX = 'editions/';

const EDITION_ID = /^\d{4}-\d{2}-\d{2}$/;
const PENDING = 'review#pending';

const conditionFailed = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * Deployed drafts: each pushed document in S3 under its own key (`<prefix>drafts/<id>/v<version>-<uuid>.json`,
 * never overwritten: two pushes from the same base write different objects, and only the one whose
 * conditional update wins is referenced) and the draft's state in the editions table (`draft#<id>`, conditional writes on status and
 * version), plus `review#pending`, the draft waiting for review.
 */
export class DynamoS3DraftStore implements DraftStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Writes a document under a fresh key; returns the key. */
  private async putDocument(doc: EditionDocument, editionId: string, version: number): Promise<string> {
    if (!EDITION_ID.test(editionId)) throw new InputError(`not an edition id: ${JSON.stringify(editionId)}`);
    const key = `${this.prefix}drafts/${editionId}/v${version}-${randomUUID()}.json`;
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify({ ...doc, version }),
        ContentType: 'application/json',
      }),
    );
    return key;
  }

  async create(doc: EditionDocument, state: DraftState): Promise<boolean> {
    // The document first: a state that names a version always finds it.
    const documentKey = await this.putDocument(doc, state.editionId, state.version);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `draft#${state.editionId}`, ...state, documentKey },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: PENDING, editionId: state.editionId } }),
    );
    return true;
  }

  private async item(editionId: string): Promise<{ state: DraftState; documentKey: string } | undefined> {
    if (!EDITION_ID.test(editionId)) return undefined;
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `draft#${editionId}` }, ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, documentKey, ...state } = result.Item;
    return { state: state as DraftState, documentKey: String(documentKey) };
  }

  async state(editionId: string): Promise<DraftState | undefined> {
    return (await this.item(editionId))?.state;
  }

  async load(editionId: string): Promise<{ state: DraftState; doc: EditionDocument } | undefined> {
    const found = await this.item(editionId);
    if (!found) return undefined;
    const { state, documentKey } = found;
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: documentKey }));
    const doc = JSON.parse((await object.Body?.transformToString('utf-8')) ?? '') as EditionDocument;
    return { state, doc };
  }

  async replace(
    editionId: string,
    doc: EditionDocument,
    baseVersion: number,
    now: Date,
  ): Promise<DraftState | 'stale'> {
    const version = baseVersion + 1;
    // A new object per version: a refused push leaves an unreferenced object, never a changed draft.
    const documentKey = await this.putDocument(
      { ...doc, status: 'draft', updatedAt: now.toISOString() },
      editionId,
      version,
    );
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `draft#${editionId}` },
          UpdateExpression: 'SET version = :version, updatedAt = :now, documentKey = :key',
          ConditionExpression: 'version = :base AND #status = :draft',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':version': version,
            ':base': baseVersion,
            ':draft': 'draft',
            ':now': now.toISOString(),
            ':key': documentKey,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { pk: _pk, documentKey: _key, ...state } = result.Attributes ?? {};
      return state as DraftState;
    } catch (error) {
      if (conditionFailed(error)) return 'stale';
      throw error;
    }
  }

  async transition(
    editionId: string,
    from: readonly EditionStatus[],
    to: EditionStatus,
    options: { version?: number; now: Date; reason?: string },
  ): Promise<boolean> {
    const values: Record<string, unknown> = { ':to': to, ':now': options.now.toISOString() };
    from.forEach((status, i) => {
      values[`:from${i}`] = status;
    });
    let condition = `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`;
    if (options.version !== undefined) {
      condition += ' AND version = :version';
      values[':version'] = options.version;
    }
    let update = 'SET #status = :to, updatedAt = :now';
    if (options.reason) {
      update += ', reason = :reason';
      values[':reason'] = options.reason;
    }
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `draft#${editionId}` },
          UpdateExpression: update,
          ConditionExpression: `attribute_exists(pk) AND ${condition}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async pending(): Promise<string | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: PENDING }, ConsistentRead: true }),
    );
    return typeof result.Item?.editionId === 'string' ? result.Item.editionId : undefined;
  }
}
