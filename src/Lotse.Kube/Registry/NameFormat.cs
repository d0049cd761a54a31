namespace Lotse.Kube.Registry;

/// <summary>Which name rule a kind's <c>metadata.name</c> follows (upstream: each strategy's <c>ValidateObjectMeta</c> name func).</summary>
public enum NameFormat
{
    /// <summary>Most kinds: an RFC 1123 subdomain (configmaps, secrets, serviceaccounts, endpoints, events).</summary>
    Dns1123Subdomain,

    /// <summary>Namespaces: an RFC 1123 label.</summary>
    Dns1123Label,

    /// <summary>Services: a DNS-1035 label (must start with a letter, because it becomes a DNS name and env var prefix).</summary>
    Dns1035Label,

    /// <summary>RBAC roles and bindings: any path segment (not "." or "..", no '/' or '%'), so names like <c>system:node</c> work.</summary>
    PathSegmentName,
}
