namespace Lotse.Eks.PodIdentity;

/// <summary>The body of CreatePodIdentityAssociation.</summary>
public sealed class CreatePodIdentityAssociationRequest
{
    public string? Namespace { get; init; }

    public string? ServiceAccount { get; init; }

    public string? RoleArn { get; init; }

    public string? TargetRoleArn { get; init; }

    public bool? DisableSessionTags { get; init; }

    public string? Policy { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public string? ClientRequestToken { get; init; }
}

/// <summary>The body of UpdatePodIdentityAssociation: every member optional, an absent one keeps its value.</summary>
public sealed class UpdatePodIdentityAssociationRequest
{
    public string? RoleArn { get; init; }

    public string? TargetRoleArn { get; init; }

    public bool? DisableSessionTags { get; init; }

    public string? Policy { get; init; }

    public string? ClientRequestToken { get; init; }
}
