using Lotse.Aws.Tokens;
using Lotse.Eks.Access;
using Lotse.Eks.Mapping;
using Lotse.Kube;

namespace Lotse.Eks;

/// <summary>
/// Authenticates <c>aws eks get-token</c> tokens the way EKS does: aws-iam-authenticator's checks and a local SigV4
/// recomputation bound to this cluster's name (cached per token until it expires), then maps the IAM identity to a Kubernetes
/// user by the cluster's authentication mode — access entries, the implicit creator admin, <c>kube-system/aws-auth</c>
/// (<see cref="IdentityMapping.Map"/>). Unmapped identities are refused (401). Every decision goes to the authenticator logs.
/// </summary>
public sealed class EksIamAuthenticator(
    EksTokenCache tokens,
    EksClusterDirectory directory,
    EksAccessEntryCache accessEntries,
    AwsAuthSource awsAuth,
    IEnumerable<IEksAuthenticatorLog> logs,
    TimeProvider time) : IKubeTokenAuthenticator
{
    public const string TokenPrefix = "k8s-aws-v1.";

    private readonly IEksAuthenticatorLog[] _logs = logs.ToArray();

    public async ValueTask<KubeAuthenticationResult> AuthenticateAsync(KubeCluster cluster, string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return default;
        }

        var served = directory.FindServed(cluster.Id);
        if (served is null)
        {
            return Refuse(cluster, null, "cluster is not served");
        }

        var verified = await tokens.VerifyAsync(token, cluster.Name, cancellationToken);
        if (verified.Identity is not { } identity)
        {
            return Refuse(cluster, null, verified.Error ?? "token rejected");
        }

        var mode = served.AuthenticationMode;
        MappedAccessEntry? entry = null;
        if (AccessEntryTypes.UsesAccessEntries(mode))
        {
            var prefix = EksAccessEntryStore.ClusterPrefix(served.AccountId, served.Region, cluster.Name);
            entry = (await accessEntries.GetAsync(cluster.Id, prefix, cancellationToken)).Find(identity.UserId, identity.CanonicalArn);
        }

        var map = AwsAuthMap.Empty;
        if (entry is null && AccessEntryTypes.UsesConfigMap(mode))
        {
            (map, var fresh) = await awsAuth.GetAsync(cluster, cancellationToken);
            if (fresh)
            {
                foreach (var problem in map.Problems)
                {
                    Record(cluster, identity, "", [], $"aws-auth: {problem}");
                }
            }
        }

        var creatorIsAdmin = served.CreatorIsAdmin && IsCreator(served, identity);
        var mapping = IdentityMapping.Map(identity, mode, entry, creatorIsAdmin, map);
        if (mapping.Username is not { } username)
        {
            return Refuse(cluster, identity, mapping.Refusal!);
        }

        var groups = mapping.Groups.Append("system:authenticated").Distinct(StringComparer.Ordinal).ToList();
        var extra = new Dictionary<string, IReadOnlyList<string>>
        {
            ["arn"] = [identity.Arn],
            ["canonicalArn"] = [identity.CanonicalArn],
            ["sessionName"] = [identity.SessionName],
            ["accessKeyId"] = [identity.AccessKeyId],
            ["principalId"] = [identity.UserId],
        };
        Record(cluster, identity, username, groups, "");
        return KubeAuthenticationResult.Success(new KubeUser(username, $"aws-iam-authenticator:{identity.AccountId}:{identity.UserId}", groups, extra));
    }

    /// <summary>The creator by unique id when it was recorded (a re-created principal of the same ARN is someone else), else by ARN.</summary>
    private static bool IsCreator(EksClusterDirectory.ServedCluster served, EksIdentity identity) =>
        served.CreatorPrincipalId is { } id
            ? id == identity.UserId
            : string.Equals(identity.CanonicalArn, served.CreatorArn, StringComparison.OrdinalIgnoreCase);

    private KubeAuthenticationResult Refuse(KubeCluster cluster, EksIdentity? identity, string reason)
    {
        Record(cluster, identity, "", [], reason);
        return KubeAuthenticationResult.Failure(reason);
    }

    private void Record(KubeCluster cluster, EksIdentity? identity, string username, IReadOnlyList<string> groups, string reason)
    {
        if (_logs.Length == 0)
        {
            return;
        }

        var decision = new EksAuthenticatorEvent(
            cluster.Id, cluster.Name, time.GetUtcNow(), identity?.Arn ?? "", identity?.CanonicalArn ?? "", identity?.AccessKeyId ?? "", username, groups, reason);
        foreach (var log in _logs)
        {
            log.Record(decision);
        }
    }
}
