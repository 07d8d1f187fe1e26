import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Where the edition pages live in the archive bucket; the index and the feed are at its top. */
export const ARCHIVE_EDITIONS_PREFIX = 'editions/';

export interface PublicArchiveProps {
  retain: boolean;
  /** Server access logs of the archive bucket and the distribution's standard logs go here. */
  logBucket: s3.IBucket;
  /** Optional custom domain, with its ACM certificate in us-east-1 (by ARN). */
  domain?: { name: string; certificateArn: string };
}

/**
 * The public web archive: a bucket that holds nothing but the public pages (index.html, feed.xml,
 * editions/<date>-<digest id>.html), served only through CloudFront with origin access control.
 * HTTPS only, strict response headers, compression, access logs; edition pages cached for a year
 * (they never change), the index and the feed for a minute (they change with every edition).
 */
export class PublicArchive extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** The archive's top, `https://<domain>/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicArchiveProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 'archive-bucket/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'digest public archive: strict CSP, HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          // The pages carry their own inline styles and no script; the signup form posts to the
          // subscribe Function URL (another origin), so form-action names https only.
          contentSecurityPolicy:
            "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action https:; frame-ancestors 'none'; base-uri 'none'",
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
    });
    const cached = (name: string, ttl: Duration) =>
      new cloudfront.CachePolicy(this, name, {
        comment: `digest public archive: ${name}`,
        defaultTtl: ttl,
        minTtl: Duration.seconds(0),
        maxTtl: ttl,
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
        queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
        headerBehavior: cloudfront.CacheHeaderBehavior.none(),
        cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      });
    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy: headers,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'digest public archive',
      defaultRootObject: 'index.html',
      // The index and the feed: short-lived, and invalidated when an edition is withdrawn.
      defaultBehavior: behavior(cached('IndexAndFeed', Duration.minutes(1))),
      // Edition pages never change once published (a withdrawal invalidates its path).
      additionalBehaviors: {
        [`${ARCHIVE_EDITIONS_PREFIX}*`]: behavior(cached('Editions', Duration.days(365))),
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'archive-cdn/',
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = `https://${props.domain?.name ?? this.distribution.distributionDomainName}/`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The archive is public newsletter content meant for readers anywhere; no geo restriction applies.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static public pages from a private bucket, GET/HEAD only, no forms processed here; a WAF web ACL adds cost without a threat it would stop.',
      },
    );
    if (!props.domain) {
      // Without a custom domain, *.cloudfront.net is served with CloudFront's default certificate, whose
      // TLS policy CloudFront decides (TLSv1 minimum); with digest:domainName the minimum is TLS 1.2.
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          "No digest:domainName configured: the distribution's default domain uses CloudFront's default certificate, whose minimum TLS version CloudFront decides; set digest:domainName and digest:certificateArn for TLS 1.2 minimum.",
      });
    }
  }

  /**
   * Lets a role publish: read, write and delete the archive's objects (pages, index, feed, the list of
   * editions) and invalidate the distribution's cache, nothing else.
   */
  grantPublish(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront:CreateInvalidation'],
        resources: [
          Stack.of(this).formatArn({
            service: 'cloudfront',
            region: '',
            resource: 'distribution',
            resourceName: this.distribution.distributionId,
          }),
        ],
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as never)}.Arn>/*]`,
      reason:
        'The publisher writes any page of the archive bucket, which holds nothing but the public archive (pages, index, feed).',
    });
  }
}
