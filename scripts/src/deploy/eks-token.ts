// The bearer token EKS accepts from IAM principals, built exactly like `aws eks get-token`:
// a presigned STS GetCallerIdentity URL whose signature covers the x-k8s-aws-id header
// (the cluster name), base64url-encoded without padding behind the "k8s-aws-v1." prefix.
import { AwsCredentialSource, presign } from '@medgrade/kit/aws/presign';

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** The presigned URL's own expiry; EKS accepts the token for up to 15 minutes after signing. */
export const EKS_TOKEN_PRESIGN_SECONDS = 60;

export interface EksTokenInput {
  clusterName: string;
  region: string;
  credentials: AwsCredentialSource;
  now?: Date;
}

export async function eksToken({ clusterName, region, credentials, now }: EksTokenInput): Promise<string> {
  const url = await presign({
    service: 'sts',
    region,
    hostname: `sts.${region}.amazonaws.com`,
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    signedHeaders: { 'x-k8s-aws-id': clusterName },
    credentials,
    expiresInSeconds: EKS_TOKEN_PRESIGN_SECONDS,
    now,
  });
  return EKS_TOKEN_PREFIX + Buffer.from(`https://${url}`).toString('base64url');
}
