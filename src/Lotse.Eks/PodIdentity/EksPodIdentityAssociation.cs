namespace Lotse.Eks.PodIdentity;

/// <summary>The EKS <c>PodIdentityAssociation</c> shape, stored as is (keyed by its id).</summary>
public sealed class EksPodIdentityAssociation
{
    public required string ClusterName { get; init; }

    public required string Namespace { get; init; }

    public required string ServiceAccount { get; init; }

    public required string RoleArn { get; set; }

    public required string AssociationArn { get; init; }

    public required string AssociationId { get; init; }

    public Dictionary<string, string> Tags { get; init; } = [];

    /// <summary>Epoch seconds with milliseconds, as EKS emits timestamps.</summary>
    public required double CreatedAt { get; init; }

    public required double ModifiedAt { get; set; }

    /// <summary>Set when an add-on owns the association; Lotse's add-ons create none, so always null here.</summary>
    public string? OwnerArn { get; init; }

    public bool DisableSessionTags { get; set; }

    public string? TargetRoleArn { get; set; }

    /// <summary>Generated when a target role is set: the external id EKS passes when it assumes the target role.</summary>
    public string? ExternalId { get; set; }

    public string? Policy { get; set; }

    /// <summary>The token of the create that made it: the same create retried with it returns this association.</summary>
    public string? ClientRequestToken { get; init; }
}

/// <summary>The model's <c>PodIdentityAssociationSummary</c>: what ListPodIdentityAssociations shows of an association.</summary>
public sealed record PodIdentityAssociationSummary(string ClusterName, string Namespace, string ServiceAccount, string AssociationArn, string AssociationId, string? OwnerArn)
{
    public static PodIdentityAssociationSummary Of(EksPodIdentityAssociation a) =>
        new(a.ClusterName, a.Namespace, a.ServiceAccount, a.AssociationArn, a.AssociationId, a.OwnerArn);
}
