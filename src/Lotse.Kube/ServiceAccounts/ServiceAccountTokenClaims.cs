using System.Text.Json.Nodes;
using Lotse.Kube.Authentication;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.ServiceAccounts;

/// <summary>The claims kube-apiserver puts in service-account tokens (<c>pkg/serviceaccount/claims.go</c>, <c>legacy.go</c>).</summary>
public static class ServiceAccountTokenClaims
{
    /// <summary>The issuer of legacy (secret-based) tokens.</summary>
    public const string LegacyIssuer = "kubernetes/serviceaccount";

    public const string PrivateClaim = "kubernetes.io";

    public const string LegacyNamespaceClaim = "kubernetes.io/serviceaccount/namespace";
    public const string LegacySecretNameClaim = "kubernetes.io/serviceaccount/secret.name";
    public const string LegacyServiceAccountNameClaim = "kubernetes.io/serviceaccount/service-account.name";
    public const string LegacyServiceAccountUidClaim = "kubernetes.io/serviceaccount/service-account.uid";

    /// <summary>A bound token: audiences, times, a fresh jti, and the service account plus the object it is bound to.</summary>
    /// <param name="boundKind"><c>Secret</c> or <c>Pod</c> when bound, else null.</param>
    public static JsonObject Bound(string issuer, JsonObject serviceAccount, IReadOnlyList<string> audiences, DateTimeOffset now, long expirationSeconds, string? boundKind, string boundName, string boundUid)
    {
        var ns = serviceAccount.Namespace();
        var kubernetes = new JsonObject
        {
            ["namespace"] = ns,
            ["serviceaccount"] = new JsonObject { ["name"] = serviceAccount.Name(), ["uid"] = serviceAccount.MetaString("uid") ?? "" },
        };
        if (boundKind is not null)
        {
            kubernetes[boundKind.ToLowerInvariant()] = new JsonObject { ["name"] = boundName, ["uid"] = boundUid };
        }

        var seconds = now.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["aud"] = new JsonArray(audiences.Select(a => (JsonNode?)a).ToArray()),
            ["exp"] = seconds + expirationSeconds,
            ["iat"] = seconds,
            ["iss"] = issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            [PrivateClaim] = kubernetes,
            ["nbf"] = seconds,
            ["sub"] = ServiceAccountUsername.Make(ns, serviceAccount.Name()),
        };
    }

    /// <summary>A legacy token as the token controller writes into a service-account-token secret: no audience, no expiry.</summary>
    public static JsonObject Legacy(JsonObject serviceAccount, string secretName) => new()
    {
        ["iss"] = LegacyIssuer,
        [LegacyNamespaceClaim] = serviceAccount.Namespace(),
        [LegacySecretNameClaim] = secretName,
        [LegacyServiceAccountNameClaim] = serviceAccount.Name(),
        [LegacyServiceAccountUidClaim] = serviceAccount.MetaString("uid") ?? "",
        ["sub"] = ServiceAccountUsername.Make(serviceAccount.Namespace(), serviceAccount.Name()),
    };
}
