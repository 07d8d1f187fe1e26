import { InputError } from '../errors.js';
import type { CliIO } from './io.js';
import { stackOutput } from './stack-outputs.js';

export interface RemoteArchiveFlags {
  bucket?: string | undefined;
  distribution?: string | undefined;
  region?: string | undefined;
  outputs?: string | undefined;
  stack?: string | undefined;
  baseUrl?: string | undefined;
}

/**
 * `digest archive remove ID --remote`: deletes the edition's page from the deployed archive bucket,
 * rebuilds the index and the feed without it and invalidates all three in CloudFront. The bucket,
 * distribution and address come from the flags, else cdk-outputs.json (ArchiveBucketName,
 * ArchiveDistributionId, ArchiveUrl, SubscribeUrl). DIGEST_S3_ENDPOINT and DIGEST_CLOUDFRONT_ENDPOINT
 * point the clients at local stand-ins (tests).
 */
export async function removeRemote(id: string, flags: RemoteArchiveFlags, io: CliIO): Promise<number> {
  const output = (key: string) => stackOutput(io.cwd, key, { file: flags.outputs, stack: flags.stack });
  const bucket = flags.bucket || output('ArchiveBucketName');
  const distribution = flags.distribution || output('ArchiveDistributionId');
  const baseUrl = flags.baseUrl || output('ArchiveUrl');
  if (!bucket || !distribution || !baseUrl)
    throw new InputError(
      'archive remove --remote: name the archive with --bucket, --distribution and --base-url, or deploy with `npx cdk deploy --outputs-file cdk-outputs.json`',
    );
  const s3Endpoint = io.env['DIGEST_S3_ENDPOINT'] || undefined;
  const cloudfrontEndpoint = io.env['DIGEST_CLOUDFRONT_ENDPOINT'] || undefined;
  const region = flags.region || io.env['DIGEST_AWS_REGION'] || io.env['AWS_REGION'] || 'us-east-1';
  const [{ S3Client }, { CloudFrontClient }, { S3PublicArchive }, { withdrawEdition }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-cloudfront'),
    import('../adapters/aws/s3-public-archive.js'),
    import('../archive/publish.js'),
  ]);
  const store = new S3PublicArchive(
    new S3Client({ region, ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}) }),
    new CloudFrontClient({ region, ...(cloudfrontEndpoint ? { endpoint: cloudfrontEndpoint } : {}) }),
    bucket,
    distribution,
  );
  const signupUrl = io.env['DIGEST_SUBSCRIBE_URL'] || output('SubscribeUrl');
  const removed = await withdrawEdition(store, id, { baseUrl, ...(signupUrl ? { signupUrl } : {}) });
  io.stdout.write(
    `withdrew ${removed.id} ("${removed.subject}") from ${baseUrl}; the index, the feed and its page are invalidated\n`,
  );
  return 0;
}
