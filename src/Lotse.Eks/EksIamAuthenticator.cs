using Lotse.Aws.Tokens;
using Lotse.Kube;

namespace Lotse.Eks;

/// <summary>
/// Authenticates <c>aws eks get-token</c> tokens the way EKS does: aws-iam-authenticator's checks and a
/// local SigV4 recomputation bound to this cluster's name, then maps the IAM identity to a Kubernetes user.
/// Until aws-auth and access entries arrive, only the cluster creator is mapped (as EKS's implicit creator
/// admin of a CONFIG_MAP cluster: <c>kubernetes-admin</c> in <c>system:masters</c>); any other identity is 401.
/// </summary>
public sealed class EksIamAuthenticator(EksTokenVerifier verifier, EksClusterDirectory directory) : IKubeTokenAuthenticator
{
    public const string TokenPrefix = "k8s-aws-v1.";

    public async ValueTask<KubeAuthenticationResult> AuthenticateAsync(KubeCluster cluster, string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return default;
        }

        var served = directory.FindServed(cluster.Id);
        if (served is null)
        {
            return KubeAuthenticationResult.Failure("cluster is not served");
        }

        var verified = await verifier.VerifyAsync(token, cluster.Name, cancellationToken);
        if (verified.Identity is not { } identity)
        {
            return KubeAuthenticationResult.Failure(verified.Error ?? "token rejected");
        }

        if (!string.Equals(identity.CanonicalArn, served.CreatorArn, StringComparison.OrdinalIgnoreCase))
        {
            return KubeAuthenticationResult.Failure($"ARN is not mapped: {identity.CanonicalArn}");
        }

        var extra = new Dictionary<string, IReadOnlyList<string>>
        {
            ["arn"] = [identity.Arn],
            ["canonicalArn"] = [identity.CanonicalArn],
            ["sessionName"] = [identity.SessionName],
            ["accessKeyId"] = [identity.AccessKeyId],
            ["principalId"] = [identity.UserId],
        };
        var user = new KubeUser("kubernetes-admin", $"aws-iam-authenticator:{identity.AccountId}:{identity.UserId}", ["system:masters", "system:authenticated"], extra);
        return KubeAuthenticationResult.Success(user);
    }
}
