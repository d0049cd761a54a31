using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Authentication;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Registry;
using Lotse.Kube.Reviews;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.ServiceAccounts;

/// <summary>
/// <c>POST serviceaccounts/&lt;name&gt;/token</c> (<c>kubectl create token</c>), as upstream's TokenREST: audiences default
/// to the API server's, expirationSeconds to 3600 (at least 600), an optional bound Secret or Pod; the answer carries an
/// ES256 JWT signed with the cluster's key and issued by its OIDC issuer.
/// </summary>
public sealed class TokenRequestHandler : IKubeResourceHandler
{
    public const long DefaultExpirationSeconds = 3600;
    public const long MinExpirationSeconds = 600;
    public const long MaxExpirationSeconds = 1L << 32;

    /// <summary>The subresource entry on <c>serviceaccounts</c>.</summary>
    public static KubeSubresource Subresource { get; } = new("token", ReviewResources.AuthenticationGroup, "v1", "TokenRequest", ["create"], new TokenRequestHandler());

    /// <summary>The body's kind, for decoding.</summary>
    private static readonly KubeResource TokenRequestKind = new()
    {
        Group = ReviewResources.AuthenticationGroup,
        Version = "v1",
        Resource = "serviceaccounts",
        Kind = "TokenRequest",
        Singular = "",
        Namespaced = true,
        Verbs = ["create"],
        Strategy = ReviewStrategy.Instance,
    };

    public async Task HandleAsync(KubeRequestContext request)
    {
        var ns = request.Scope.Namespace;
        var name = request.Info.Name;
        var tokenRequest = await ReviewBody.ReadAsync(request, TokenRequestKind);
        var meta = tokenRequest.Metadata();
        if (meta.GetString("name") is { Length: > 0 } bodyName && bodyName != name)
        {
            throw Invalid(name, FieldError.Invalid("metadata.name", bodyName, "must match the service account name if specified"));
        }

        if (meta.GetString("namespace") is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
        {
            throw Invalid(name, FieldError.Invalid("metadata.namespace", bodyNamespace, "must match the service account namespace if specified"));
        }

        var cluster = request.Scope.Cluster;
        var store = request.Objects.Store;
        var account = await ServiceAccountObjects.GetServiceAccountAsync(store, cluster, ns, name, request.Aborted)
            ?? throw KubeStatus.NotFound(request.Resource.GroupResource, name).ToException();

        var spec = tokenRequest.GetObject("spec") ?? [];
        tokenRequest["spec"] = spec;
        var audiences = ReviewBody.Strings(spec, "audiences");
        if (audiences.Count == 0)
        {
            audiences = [.. KubeAuthentication.ApiAudiences];
        }

        spec["audiences"] = ReviewBody.ToArray(audiences);
        var expirationSeconds = spec.GetInt("expirationSeconds") ?? DefaultExpirationSeconds;
        spec["expirationSeconds"] = expirationSeconds;
        if (!spec.ContainsKey("boundObjectRef"))
        {
            spec["boundObjectRef"] = null;
        }

        meta["name"] = name;
        meta["namespace"] = ns;
        var now = request.Now;
        meta["creationTimestamp"] = JsonObjectExtensions.FormatTime(now);
        tokenRequest.Remove("status");

        var errors = new List<FieldError>();
        if (expirationSeconds < MinExpirationSeconds)
        {
            errors.Add(FieldError.InvalidRaw("spec.expirationSeconds", expirationSeconds.ToString(CultureInfo.InvariantCulture), "may not specify a duration less than 10 minutes"));
        }

        if (expirationSeconds > MaxExpirationSeconds)
        {
            errors.Add(FieldError.InvalidRaw("spec.expirationSeconds", expirationSeconds.ToString(CultureInfo.InvariantCulture), "may not specify a duration larger than 2^32 seconds"));
        }

        if (errors.Count > 0)
        {
            throw KubeStatus.Invalid(ReviewResources.AuthenticationGroup, "TokenRequest", "", errors).ToException();
        }

        var (boundKind, boundName, boundUid) = await ResolveBoundObjectAsync(request, spec.GetObject("boundObjectRef"), name);
        var issuer = ReviewBody.Services(request).ServiceAccountKeys is { } keys ? await keys.GetAsync(cluster, request.Aborted) : null;
        if (issuer is null)
        {
            throw KubeStatus.Internal("failed to generate token: the cluster has no service account signing key").ToException();
        }

        var token = JsonWebToken.Sign(issuer, ServiceAccountTokenClaims.Bound(issuer.Issuer, account, audiences, now, expirationSeconds, boundKind, boundName, boundUid));
        tokenRequest["status"] = new JsonObject
        {
            ["token"] = token,
            ["expirationTimestamp"] = JsonObjectExtensions.FormatTime(now.AddSeconds(expirationSeconds)),
        };
        await ReviewBody.WriteAsync(request, tokenRequest);
    }

    /// <summary>The object a token is bound to: a Secret of the namespace, or a Pod (not served yet, so never found).</summary>
    private static async ValueTask<(string? Kind, string Name, string Uid)> ResolveBoundObjectAsync(KubeRequestContext request, JsonObject? reference, string accountName)
    {
        if (reference is null)
        {
            return (null, "", "");
        }

        var apiVersion = reference.GetString("apiVersion") ?? "";
        var kind = reference.GetString("kind") ?? "";
        var refName = reference.GetString("name") ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        string uid;
        switch (group, kind)
        {
            case ("", "Pod"):
                throw KubeStatus.NotFound(new KubeGroupResource("", "pods"), refName).ToException();
            case ("", "Node"):
                throw KubeStatus.NotFound(new KubeGroupResource("", "nodes"), refName).ToException();
            case ("", "Secret"):
                var secret = await ServiceAccountObjects.GetSecretAsync(request.Objects.Store, request.Scope.Cluster, request.Scope.Namespace, refName, request.Aborted)
                    ?? throw KubeStatus.NotFound(new KubeGroupResource("", "secrets"), refName).ToException();
                uid = secret.MetaString("uid") ?? "";
                break;
            default:
                throw KubeStatus.BadRequest($"cannot bind token for serviceaccount \"{accountName}\" to object of type {group}/{version}, Kind={kind}").ToException();
        }

        var wantedUid = reference.GetString("uid") ?? "";
        if (wantedUid.Length > 0 && wantedUid != uid)
        {
            throw KubeStatus.Conflict(new KubeGroupResource(group, kind), refName,
                $"the UID in the bound object reference ({wantedUid}) does not match the UID in record. The object might have been deleted and then recreated").ToException();
        }

        return (kind, refName, uid);
    }

    private static KubeStatusException Invalid(string name, FieldError error) =>
        KubeStatus.Invalid(ReviewResources.AuthenticationGroup, "TokenRequest", name, [error]).ToException();
}
