using System.Text.RegularExpressions;
using Lotse.Eks.Tags;

namespace Lotse.Eks.IdentityProviders;

/// <summary>AssociateIdentityProviderConfig's input rules: the checks that need no stored state.</summary>
public static partial class IdentityProviderConfigValidator
{
    public const string OidcType = "oidc";

    public static OidcIdentityProviderConfigRequest Validate(AssociateIdentityProviderConfigRequest request, string clusterName)
    {
        var oidc = request.Oidc ?? throw EksErrors.InvalidParameter("oidc is required.", clusterName);
        CheckName(oidc.IdentityProviderConfigName, clusterName);
        if (!Uri.TryCreate(oidc.IssuerUrl, UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps)
        {
            throw EksErrors.InvalidParameter("The issuer URL must be a valid URL that starts with https://", clusterName);
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            throw EksErrors.InvalidParameter("clientId must not be empty.", clusterName);
        }

        foreach (var (key, value) in oidc.RequiredClaims ?? [])
        {
            if (key.Length is 0 or > 63 || value.Length is 0 or > 253)
            {
                throw EksErrors.InvalidParameter("requiredClaims keys must be 1-63 and values 1-253 characters long.", clusterName);
            }
        }

        if (request.Tags is { } tags && TagRules.Problem(tags) is { } problem)
        {
            throw EksErrors.InvalidParameter(problem, clusterName);
        }

        return oidc;
    }

    /// <summary>The <c>identityProviderConfig</c> of Describe and Disassociate: type <c>oidc</c> and a name.</summary>
    public static string NameOf(IdentityProviderConfigRef? config, string clusterName)
    {
        if (config?.Type != OidcType)
        {
            throw EksErrors.InvalidParameter($"Unsupported identity provider config type: '{config?.Type}'. The only supported type is oidc.", clusterName);
        }

        return config.Name is { Length: > 0 } name ? name : throw EksErrors.InvalidParameter("identityProviderConfig name is required.", clusterName);
    }

    private static void CheckName(string? name, string clusterName)
    {
        if (name is null || !Name().IsMatch(name))
        {
            throw EksErrors.InvalidParameter(
                $"Invalid identityProviderConfigName '{name}': it must be 1-100 characters, start with a letter or digit and contain only letters, digits, '-' and '_'.",
                clusterName);
        }
    }

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex Name();
}
