// The public web archive as synthesised: CloudFront with OAC to a bucket of its own, HTTPS only,
// response headers, logging, caching; the send functions' web base URL; a custom domain; archive off.
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config.js';
import { defineApp } from '../../infra/define-app.js';
import { ConfigError } from '../../src/errors.js';
import { cdkJsonContext, readValidationReport, testApp } from '../helpers/cdk-context.js';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

function synth(overrides: Record<string, unknown> = {}) {
  const built = testApp({ bundle: false, overrides });
  const stack = defineApp(built.app);
  built.app.synth();
  return { template: Template.fromStack(stack), outdir: built.outdir, stack };
}

// biome-ignore lint/suspicious/noExplicitAny: synthesised CloudFormation JSON, asserted field by field
type Resource = { Properties: Record<string, any> };
const only = (template: Template, type: string): [string, Resource] => {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
/** The RuntimeConfig JSON the send functions get, with CloudFormation tokens as they synthesise. */
function webBaseUrlOf(template: Template): unknown {
  const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
    String(f.Properties.Description).startsWith('digest send-digest'),
  ) as Resource;
  return JSON.stringify(fn.Properties.Environment.Variables);
}

describe('public archive (default: on, no custom domain)', () => {
  let template: Template;
  let outdir: string;
  beforeAll(() => {
    ({ template, outdir } = synth());
  });

  it('serves a private bucket through CloudFront with origin access control, never publicly', () => {
    const [distributionId, distribution] = only(template, 'AWS::CloudFront::Distribution');
    const [oacId] = only(template, 'AWS::CloudFront::OriginAccessControl');
    const config = distribution.Properties.DistributionConfig;
    const origin = config.Origins[0];
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    const bucketId = origin.DomainName['Fn::GetAtt'][0] as string;
    expect(bucketId).toMatch(/^ArchiveBucket/);
    const bucket = template.findResources('AWS::S3::Bucket')[bucketId] as Resource;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe('archive-bucket/');
    // Only CloudFront, for this distribution, may read it.
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === bucketId,
    ) as Resource;
    const read = policy.Properties.PolicyDocument.Statement.find(
      (s: { Effect: string; Action: string }) => s.Effect === 'Allow' && s.Action === 's3:GetObject',
    );
    expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(read.Condition)).toContain(distributionId);
    // The articles bucket (drafts, rendered JSON, personalised web versions) is not an origin.
    expect(config.Origins).toHaveLength(1);
  });

  it('redirects to HTTPS, compresses, logs, and sends the security headers', () => {
    const [, distribution] = only(template, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(behavior.Compress).toBe(true);
      expect(behavior.ResponseHeadersPolicyId).toBeDefined();
    }
    expect(config.Logging.Prefix).toBe('archive-cdn/');
    expect(config.DefaultRootObject).toBe('index.html');
    const [, headers] = only(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const security = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.ContentSecurityPolicy.ContentSecurityPolicy).toContain("default-src 'none'");
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(security.ContentTypeOptions.Override).toBe(true);
    expect(security.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
    // The default domain: CloudFront's default certificate decides the TLS policy.
    expect(config.ViewerCertificate).toBeUndefined();
  });

  it('caches edition pages for a year and the index and feed for a minute', () => {
    const [, distribution] = only(template, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    const policies = template.findResources('AWS::CloudFront::CachePolicy');
    const ttlOf = (ref: { Ref: string }) =>
      (policies[ref.Ref] as Resource).Properties.CachePolicyConfig.MaxTTL as number;
    const editions = config.CacheBehaviors.find(
      (b: { PathPattern: string }) => b.PathPattern === 'editions/*',
    );
    expect(ttlOf(editions.CachePolicyId)).toBe(31_536_000);
    expect(ttlOf(config.DefaultCacheBehavior.CachePolicyId)).toBe(60);
  });

  it("gives the send functions the distribution's domain as the web base URL", () => {
    const [distributionId] = only(template, 'AWS::CloudFront::Distribution');
    const env = webBaseUrlOf(template) as string;
    // https://<distribution domain>/editions, with the domain resolved by CloudFormation.
    expect(env).toContain(
      `\\"baseUrl\\":\\"https://",{"Fn::GetAtt":["${distributionId}","DomainName"]},"/editions\\"`,
    );
    template.hasOutput('ArchiveUrl', {});
  });

  it('is cdk-nag clean', () => {
    const failing = readValidationReport(outdir).pluginReports.filter((p) => p.violations.length > 0);
    expect(failing).toEqual([]);
  });
});

describe('public archive with a custom domain', () => {
  it('uses the ACM certificate with TLS 1.2 minimum, and the domain for the web base URL; no CFR4 acknowledgement', () => {
    // Act
    const { template, stack } = synth({
      'digest:domainName': 'news.example.org',
      'digest:certificateArn': CERT,
    });
    // Assess
    const [, distribution] = only(template, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['news.example.org']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: CERT,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(webBaseUrlOf(template)).toContain('https://news.example.org/editions');
    expect(new AwsSolutionsChecks(stack).validateScope(stack).violations).toEqual([]);
    const acks = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.keys(m.data as object));
    expect(acks.filter((id) => id.includes('CFR4'))).toEqual([]);
  });

  it('digest:webBaseUrl wins over the archive address', () => {
    const { template } = synth({ 'digest:webBaseUrl': 'https://www.example.org/digest' });
    expect(webBaseUrlOf(template)).toContain('https://www.example.org/digest');
  });
});

describe('digest:archive = off', () => {
  it('deploys no distribution and no archive bucket, and no web base URL', () => {
    const { template } = synth({ 'digest:archive': 'off' });
    template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    expect(
      Object.keys(template.findResources('AWS::S3::Bucket')).some((id) => id.startsWith('Archive')),
    ).toBe(false);
    expect(webBaseUrlOf(template)).not.toContain('baseUrl');
  });
});

describe('archive settings: bad input is one clear line naming the key', () => {
  const read = (overrides: Record<string, unknown>) => {
    const context = { ...cdkJsonContext(), ...overrides };
    return () => readConfig((key) => context[key]);
  };
  it.each([
    [{ 'digest:archive': 'maybe' }, 'digest:archive": expected "on" or "off", got "maybe"'],
    [
      { 'digest:domainName': 'news.example.org' },
      'digest:certificateArn": is required with digest:domainName',
    ],
    [{ 'digest:certificateArn': CERT }, 'digest:domainName": is required with digest:certificateArn'],
    [
      {
        'digest:domainName': 'news.example.org',
        'digest:certificateArn': CERT.replace('us-east-1', 'eu-west-1'),
      },
      'not an ACM certificate ARN in us-east-1',
    ],
    [{ 'digest:domainName': 'News Example', 'digest:certificateArn': CERT }, 'is not a lowercase DNS name'],
    [
      { 'digest:archive': 'off', 'digest:domainName': 'news.example.org', 'digest:certificateArn': CERT },
      'is set but digest:archive is off',
    ],
  ])('%j', (overrides, message) => {
    expect(read(overrides)).toThrow(ConfigError);
    expect(read(overrides)).toThrow(message);
  });
});
