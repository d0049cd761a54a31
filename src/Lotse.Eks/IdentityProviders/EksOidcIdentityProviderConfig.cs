namespace Lotse.Eks.IdentityProviders;

/// <summary>
/// The EKS <c>OidcIdentityProviderConfig</c> shape, stored as is. Lotse keeps the config and its lifecycle only: kubectl tokens issued
/// by the external issuer are not accepted by Lotse's Kubernetes API (authenticating them is out of scope).
/// </summary>
public sealed class EksOidcIdentityProviderConfig
{
    public required string IdentityProviderConfigName { get; init; }

    public required string IdentityProviderConfigArn { get; init; }

    public required string ClusterName { get; init; }

    public required string IssuerUrl { get; init; }

    public required string ClientId { get; init; }

    public string? UsernameClaim { get; init; }

    public string? UsernamePrefix { get; init; }

    public string? GroupsClaim { get; init; }

    public string? GroupsPrefix { get; init; }

    public Dictionary<string, string> RequiredClaims { get; init; } = [];

    public Dictionary<string, string> Tags { get; init; } = [];

    public required string Status { get; set; }
}

/// <summary>The model's <c>configStatus</c> values.</summary>
public static class IdentityProviderConfigStatus
{
    public const string Creating = "CREATING";
    public const string Active = "ACTIVE";
    public const string Deleting = "DELETING";
}
