using Lotse.Eks.Clusters;

namespace Lotse.Eks.Access;

/// <summary>The CreateAccessEntry body (the cluster name comes from the URI).</summary>
public sealed class CreateAccessEntryRequest
{
    public string? PrincipalArn { get; init; }

    public List<string>? KubernetesGroups { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? Username { get; init; }

    public string? Type { get; init; }
}

/// <summary>The UpdateAccessEntry body (cluster and principal come from the URI).</summary>
public sealed class UpdateAccessEntryRequest
{
    public List<string>? KubernetesGroups { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? Username { get; init; }
}

/// <summary>The AssociateAccessPolicy body.</summary>
public sealed class AssociateAccessPolicyRequest
{
    public string? PolicyArn { get; init; }

    public AccessScope? AccessScope { get; init; }
}

/// <summary>The AssociateAccessPolicy answer.</summary>
public sealed record AssociateAccessPolicyResponse(string ClusterName, string PrincipalArn, AssociatedAccessPolicy AssociatedAccessPolicy);

/// <summary>The ListAssociatedAccessPolicies answer.</summary>
public sealed record ListAssociatedAccessPoliciesResponse(string ClusterName, string PrincipalArn, List<AssociatedAccessPolicy> AssociatedAccessPolicies, string? NextToken);

/// <summary>A page of a list: the items and the token of the next page (null on the last).</summary>
public sealed record Page<T>(List<T> Items, string? NextToken)
{
    /// <summary>Cuts <paramref name="sorted"/> after the item <paramref name="nextToken"/> names (items are sorted by <paramref name="keyOf"/>).</summary>
    public static Page<T> Of(IReadOnlyList<T> sorted, Func<T, string> keyOf, int maxResults, string? nextToken, string? clusterName)
    {
        var start = 0;
        if (nextToken is not null)
        {
            var after = ListToken.Decode(nextToken) ?? throw EksErrors.InvalidParameter("The nextToken provided is invalid.", clusterName);
            while (start < sorted.Count && string.CompareOrdinal(keyOf(sorted[start]), after) <= 0)
            {
                start++;
            }
        }

        var items = sorted.Skip(start).Take(maxResults).ToList();
        var more = start + items.Count < sorted.Count;
        return new Page<T>(items, more ? ListToken.Encode(keyOf(items[^1])) : null);
    }
}
