namespace Lotse.Kube.Requests;

/// <summary>
/// What a request addresses, as apiserver's <c>RequestInfoFactory</c> derives it from the path (below the cluster
/// prefix), the method and the query. <see cref="Path"/> keeps the path for non-resource requests (discovery, /version).
/// </summary>
public sealed record KubeRequestInfo
{
    public required bool IsResourceRequest { get; init; }

    /// <summary>The path below <c>/clusters/{id}</c>, starting with '/'.</summary>
    public required string Path { get; init; }

    /// <summary>Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection (lower-case HTTP method for non-resource requests).</summary>
    public required string Verb { get; init; }

    public string ApiPrefix { get; init; } = "";

    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Path segments after the subresource (unused by the kinds served so far).</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];
}
