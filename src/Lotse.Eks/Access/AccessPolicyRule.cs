using Lotse.Kube.Requests;

namespace Lotse.Eks.Access;

/// <summary>
/// One permission of an access policy, shaped like an RBAC PolicyRule: resource rules match API group, resource (with
/// <c>/subresource</c>) and verb; non-resource rules match a URL path (a trailing <c>*</c> is a prefix) and verb. <c>*</c> matches anything.
/// </summary>
public sealed record AccessPolicyRule(string[] Verbs, string[] ApiGroups, string[] Resources, string[] NonResourceUrls)
{
    public static readonly string[] Read = ["get", "list", "watch"];
    public static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    public static readonly string[] ReadWrite = [.. Read, .. Write];

    public static AccessPolicyRule Resource(string[] verbs, string apiGroup, params string[] resources) => new(verbs, [apiGroup], resources, []);

    public static AccessPolicyRule NonResource(string[] verbs, params string[] urls) => new(verbs, [], [], urls);

    public bool Allows(KubeRequestInfo request)
    {
        if (!Matches(Verbs, request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return NonResourceUrls.Any(url => url == "*" || url == request.Path || (url.EndsWith('*') && request.Path.StartsWith(url[..^1], StringComparison.Ordinal)));
        }

        if (Resources.Length == 0 || !Matches(ApiGroups, request.ApiGroup))
        {
            return false;
        }

        var resource = request.Subresource.Length > 0 ? $"{request.Resource}/{request.Subresource}" : request.Resource;
        return Resources.Any(r => r == "*" || r == resource || (request.Subresource.Length > 0 && r == "*/" + request.Subresource));
    }

    private static bool Matches(string[] allowed, string value) => allowed.Any(a => a == "*" || a == value);
}
