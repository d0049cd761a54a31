namespace Lotse.Eks.IdentityProviders;

/// <summary>The body of AssociateIdentityProviderConfig.</summary>
public sealed class AssociateIdentityProviderConfigRequest
{
    public OidcIdentityProviderConfigRequest? Oidc { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public string? ClientRequestToken { get; init; }
}

/// <summary>The <c>oidc</c> member of AssociateIdentityProviderConfig.</summary>
public sealed class OidcIdentityProviderConfigRequest
{
    public string? IdentityProviderConfigName { get; init; }

    public string? IssuerUrl { get; init; }

    public string? ClientId { get; init; }

    public string? UsernameClaim { get; init; }

    public string? UsernamePrefix { get; init; }

    public string? GroupsClaim { get; init; }

    public string? GroupsPrefix { get; init; }

    public Dictionary<string, string>? RequiredClaims { get; init; }
}

/// <summary>The body of DescribeIdentityProviderConfig and DisassociateIdentityProviderConfig.</summary>
public sealed class IdentityProviderConfigRequest
{
    public IdentityProviderConfigRef? IdentityProviderConfig { get; init; }

    public string? ClientRequestToken { get; init; }
}

/// <summary>The model's <c>IdentityProviderConfig</c>: a config named by type and name (also the items of the list).</summary>
public sealed record IdentityProviderConfigRef(string? Type, string? Name);
