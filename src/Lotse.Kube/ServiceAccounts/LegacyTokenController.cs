using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.ServiceAccounts;

/// <summary>
/// The token controller's part for legacy token secrets: a <c>kubernetes.io/service-account-token</c> Secret naming a
/// service account gets the account's uid annotation and <c>token</c>, <c>ca.crt</c> and <c>namespace</c> filled in
/// the same commit that creates it. Upstream fills them a moment later and deletes a secret whose account does not
/// exist; here the create is refused with the account's NotFound instead.
/// </summary>
public sealed class LegacyTokenController(IServiceAccountKeyProvider keys)
{
    public const string TokenSecretType = "kubernetes.io/service-account-token";
    public const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";
    public const string ServiceAccountUidAnnotation = "kubernetes.io/service-account.uid";

    public async ValueTask FillAsync(KubeWriteContext context, JsonObject secret)
    {
        if (secret.GetString("type") != TokenSecretType)
        {
            return;
        }

        var annotations = secret.GetObject("metadata").GetObject("annotations");
        var accountName = annotations.GetString(ServiceAccountNameAnnotation) ?? "";
        var ns = secret.Namespace();
        var account = await ServiceAccountObjects.GetServiceAccountAsync(context.Store, context.Cluster, ns, accountName, context.CancellationToken)
            ?? throw KubeStatus.NotFound(new KubeGroupResource("", "serviceaccounts"), accountName).ToException();
        var accountUid = account.MetaString("uid") ?? "";
        var requestedUid = annotations.GetString(ServiceAccountUidAnnotation);
        if (!string.IsNullOrEmpty(requestedUid) && requestedUid != accountUid)
        {
            throw KubeStatus.NotFound(new KubeGroupResource("", "serviceaccounts"), accountName).ToException();
        }

        var issuer = await keys.GetAsync(context.Cluster, context.CancellationToken);
        if (issuer is null)
        {
            return;
        }

        annotations![ServiceAccountUidAnnotation] = accountUid;
        var data = secret.GetObject("data") ?? new JsonObject();
        secret["data"] = data;
        if (string.IsNullOrEmpty(data.GetString("token")))
        {
            var token = JsonWebToken.Sign(issuer, ServiceAccountTokenClaims.Legacy(account, secret.Name()));
            data["token"] = Base64(token);
        }

        data["ca.crt"] = Base64(issuer.CertificateAuthorityPem);
        data["namespace"] = Base64(ns);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
