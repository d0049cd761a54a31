namespace Lotse.Aws.Tokens;

/// <summary>
/// Who presented an EKS token, as aws-iam-authenticator reports it: <see cref="Arn"/> as STS GetCallerIdentity
/// says, <see cref="CanonicalArn"/> as aws-auth and access entries match it, <see cref="UserId"/> without the
/// session part (AIDA… / AROA…), <see cref="SessionName"/> for assumed roles, else empty.
/// </summary>
public sealed record EksIdentity(string Arn, string CanonicalArn, string AccountId, string UserId, string SessionName, string AccessKeyId);
