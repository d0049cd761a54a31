using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Lotse.Eks;

/// <summary>
/// Serves each cluster's OIDC issuer (DescribeCluster's <c>identity.oidc.issuer</c> =
/// <c>https://HOST:PORT/oidc/id/&lt;cluster-id&gt;</c>): the discovery document and its JWKS, without authentication,
/// as EKS's public issuer endpoints do. Verifiers such as IRSA set-ups fetch both over https.
/// </summary>
public sealed class EksOidcIssuer(EksClusterDirectory directory)
{
    public const string PathPrefix = "/oidc/id/";

    public static bool Handles(PathString path) => path.StartsWithSegments("/oidc/id", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var rest = context.Request.Path.Value![PathPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var (clusterId, document) = slash < 0 ? (rest, "") : (rest[..slash], rest[slash..]);
        var served = directory.FindServed(clusterId);
        if (served is null || !HttpMethods.IsGet(context.Request.Method) || document is not ("/.well-known/openid-configuration" or "/keys"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        object body = document == "/keys"
            ? new { keys = new[] { new { kty = "EC", crv = "P-256", use = "sig", alg = "ES256", kid = served.SigningKey.KeyId, x = served.SigningKey.X, y = served.SigningKey.Y } } }
            : new Dictionary<string, object>
            {
                ["issuer"] = served.Issuer,
                ["jwks_uri"] = served.Issuer + "/keys",
                ["authorization_endpoint"] = "urn:kubernetes:programmatic_authorization",
                ["response_types_supported"] = new[] { "id_token" },
                ["subject_types_supported"] = new[] { "public" },
                ["claims_supported"] = new[] { "sub", "iss" },
                ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            };
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "public, max-age=3600";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), cancellationToken: context.RequestAborted);
    }
}
