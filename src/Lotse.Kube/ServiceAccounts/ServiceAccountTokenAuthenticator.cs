using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Authentication;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.ServiceAccounts;

/// <summary>
/// Authenticates service-account JWTs as kube-apiserver's two service-account authenticators do
/// (<c>pkg/serviceaccount/jwt.go</c> + <c>claims.go</c>/<c>legacy.go</c> validators): a token whose issuer is the
/// cluster's (bound tokens) or <c>kubernetes/serviceaccount</c> (legacy secrets) must carry the cluster key's signature
/// and a matching audience, be within its lifetime (one minute of leeway), and name a service account, and a bound
/// secret, that still exist with the same uid. Any other token is left to the other authenticators.
/// </summary>
public sealed class ServiceAccountTokenAuthenticator(IStore store, IServiceAccountKeyProvider keys, TimeProvider time) : IKubeAudienceTokenAuthenticator
{
    public const string CredentialIdExtra = "authentication.kubernetes.io/credential-id";
    public const string PodNameExtra = "authentication.kubernetes.io/pod-name";
    public const string PodUidExtra = "authentication.kubernetes.io/pod-uid";

    /// <summary>What a bound token reports once the object it is bound to is gone.</summary>
    private const string InvalidatedMessage = "service account token has been invalidated";

    /// <summary>go-jose's leeway for exp, nbf and iat.</summary>
    private static readonly TimeSpan Leeway = TimeSpan.FromMinutes(1);

    public async ValueTask<KubeAuthenticationResult> AuthenticateAsync(KubeCluster cluster, string token, CancellationToken cancellationToken) =>
        (await AuthenticateAsync(cluster, token, KubeAuthentication.ApiAudiences, cancellationToken)).Result;

    public async ValueTask<(KubeAuthenticationResult Result, IReadOnlyList<string> Audiences)> AuthenticateAsync(KubeCluster cluster, string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        if (!JsonWebToken.TryParse(token, out var jwt) || jwt!.StringClaim("iss") is not { } issuerClaim)
        {
            return (default, []);
        }

        var issuer = await keys.GetAsync(cluster, cancellationToken);
        var legacy = issuerClaim == ServiceAccountTokenClaims.LegacyIssuer;
        if (issuer is null || (!legacy && issuerClaim != issuer.Issuer))
        {
            return (default, []);
        }

        if (!jwt.VerifySignature(issuer))
        {
            return (KubeAuthenticationResult.Failure("go-jose/go-jose: error in cryptographic primitive"), []);
        }

        // Legacy tokens carry no audience: they are good for the API server's audiences only.
        var tokenAudiences = jwt.Audiences.Count > 0 ? jwt.Audiences : KubeAuthentication.ApiAudiences;
        var granted = tokenAudiences.Intersect(audiences, StringComparer.Ordinal).ToList();
        if (granted.Count == 0)
        {
            return (KubeAuthenticationResult.Failure($"token audiences {GoQuote(tokenAudiences)} is invalid for the target audiences {GoQuote(audiences)}"), []);
        }

        var result = legacy
            ? await ValidateLegacyAsync(cluster, token, jwt, cancellationToken)
            : await ValidateBoundAsync(cluster, jwt, cancellationToken);
        return (result, result.User is null ? [] : granted);
    }

    private async ValueTask<KubeAuthenticationResult> ValidateBoundAsync(KubeCluster cluster, JsonWebToken jwt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (jwt.TimeClaim("exp") is { } exp && now - Leeway > exp)
        {
            return KubeAuthenticationResult.Failure("service account token has expired");
        }

        if (jwt.TimeClaim("nbf") is { } nbf && now + Leeway < nbf)
        {
            return KubeAuthenticationResult.Failure("service account token is not valid yet");
        }

        if (jwt.TimeClaim("iat") is { } iat && now + Leeway < iat)
        {
            return KubeAuthenticationResult.Failure("service account token is issued in the future");
        }

        var claims = jwt.Claims[ServiceAccountTokenClaims.PrivateClaim] as JsonObject;
        var ns = claims.GetString("namespace") ?? "";
        var saName = claims.GetObject("serviceaccount").GetString("name") ?? "";
        var saUid = claims.GetObject("serviceaccount").GetString("uid") ?? "";
        var serviceAccount = await ServiceAccountObjects.GetServiceAccountAsync(store, cluster, ns, saName, cancellationToken);
        if (serviceAccount is null)
        {
            return KubeAuthenticationResult.Failure($"serviceaccounts \"{saName}\" not found");
        }

        if (serviceAccount.MetaString("uid") != saUid)
        {
            return KubeAuthenticationResult.Failure($"service account UID ({serviceAccount.MetaString("uid")}) does not match claim ({saUid})");
        }

        if (IsDeletedBefore(serviceAccount, now - Leeway))
        {
            return KubeAuthenticationResult.Failure($"service account {ns}/{saName} has been deleted");
        }

        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (claims.GetObject("secret") is { } secretRef)
        {
            var secretName = secretRef.GetString("name") ?? "";
            var secret = await ServiceAccountObjects.GetSecretAsync(store, cluster, ns, secretName, cancellationToken);
            if (secret is null)
            {
                return KubeAuthenticationResult.Failure(InvalidatedMessage);
            }

            if (secret.MetaString("uid") != (secretRef.GetString("uid") ?? ""))
            {
                return KubeAuthenticationResult.Failure($"secret UID ({secret.MetaString("uid")}) does not match service account secret ref claim ({secretRef.GetString("uid")})");
            }

            if (IsDeletedBefore(secret, now - Leeway))
            {
                return KubeAuthenticationResult.Failure(InvalidatedMessage);
            }
        }

        if (claims.GetObject("pod") is not null || claims.GetObject("node") is not null)
        {
            // Pods and nodes are not served yet, so the object a pod- or node-bound token names can never be found.
            return KubeAuthenticationResult.Failure(InvalidatedMessage);
        }

        if (jwt.StringClaim("jti") is { Length: > 0 } jti)
        {
            extra[CredentialIdExtra] = ["JTI=" + jti];
        }

        return KubeAuthenticationResult.Success(UserFor(ns, saName, saUid, extra));
    }

    private async ValueTask<KubeAuthenticationResult> ValidateLegacyAsync(KubeCluster cluster, string token, JsonWebToken jwt, CancellationToken cancellationToken)
    {
        var subject = jwt.StringClaim("sub") ?? "";
        var ns = jwt.StringClaim(ServiceAccountTokenClaims.LegacyNamespaceClaim) ?? "";
        var secretName = jwt.StringClaim(ServiceAccountTokenClaims.LegacySecretNameClaim) ?? "";
        var saName = jwt.StringClaim(ServiceAccountTokenClaims.LegacyServiceAccountNameClaim) ?? "";
        var saUid = jwt.StringClaim(ServiceAccountTokenClaims.LegacyServiceAccountUidClaim) ?? "";
        var missing = (subject, ns, secretName, saName, saUid) switch
        {
            ("", _, _, _, _) => "sub claim is missing",
            (_, "", _, _, _) => "namespace claim is missing",
            (_, _, "", _, _) => "secretName claim is missing",
            (_, _, _, "", _) => "serviceAccountName claim is missing",
            (_, _, _, _, "") => "serviceAccountUID claim is missing",
            _ => null,
        };
        if (missing is not null)
        {
            return KubeAuthenticationResult.Failure(missing);
        }

        if (!ServiceAccountUsername.TrySplit(subject, out var subjectNamespace, out var subjectName) || subjectNamespace != ns || subjectName != saName)
        {
            return KubeAuthenticationResult.Failure("sub claim is invalid");
        }

        var secret = await ServiceAccountObjects.GetSecretAsync(store, cluster, ns, secretName, cancellationToken);
        if (secret is null || secret.GetObject("metadata")?["deletionTimestamp"] is not null)
        {
            return KubeAuthenticationResult.Failure("Token has been invalidated");
        }

        var stored = secret.GetObject("data").GetString("token");
        if (stored is null || stored != Convert.ToBase64String(Encoding.UTF8.GetBytes(token)))
        {
            return KubeAuthenticationResult.Failure("Token does not match server's copy");
        }

        var serviceAccount = await ServiceAccountObjects.GetServiceAccountAsync(store, cluster, ns, saName, cancellationToken);
        if (serviceAccount is null)
        {
            return KubeAuthenticationResult.Failure($"serviceaccounts \"{saName}\" not found");
        }

        if (serviceAccount.GetObject("metadata")?["deletionTimestamp"] is not null)
        {
            return KubeAuthenticationResult.Failure($"ServiceAccount {ns}/{saName} has been deleted");
        }

        if (serviceAccount.MetaString("uid") != saUid)
        {
            return KubeAuthenticationResult.Failure($"ServiceAccount UID ({serviceAccount.MetaString("uid")}) does not match claim ({saUid})");
        }

        return KubeAuthenticationResult.Success(UserFor(ns, saName, saUid, new Dictionary<string, IReadOnlyList<string>>()));
    }

    private static KubeUser UserFor(string ns, string name, string uid, IReadOnlyDictionary<string, IReadOnlyList<string>> extra)
    {
        var groups = ServiceAccountUsername.Groups(ns);
        groups.Add(ServiceAccountUsername.AuthenticatedGroup);
        return new KubeUser(ServiceAccountUsername.Make(ns, name), uid, groups, extra);
    }

    private static bool IsDeletedBefore(JsonObject obj, DateTimeOffset limit) =>
        JsonObjectExtensions.ParseTime(obj.MetaString("deletionTimestamp")) is { } deleted && deleted < limit;

    /// <summary>Go's <c>%q</c> of a string slice: <c>["a" "b"]</c>.</summary>
    private static string GoQuote(IEnumerable<string> values) =>
        "[" + string.Join(" ", values.Select(v => "\"" + v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "]";
}
