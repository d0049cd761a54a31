namespace Lotse.Kube.Requests;

/// <summary>Port of apiserver <c>endpoints/request/requestinfo.go</c> <c>NewRequestInfo</c>.</summary>
public static class KubeRequestInfoParser
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public static KubeRequestInfo Parse(string method, string path, bool watchQuery)
    {
        var nonResource = new KubeRequestInfo { IsResourceRequest = false, Path = path, Verb = method.ToLowerInvariant() };
        var parts = path.Trim('/').Split('/');
        if (parts.Length == 0 || (parts[0] != "api" && parts[0] != "apis"))
        {
            return nonResource;
        }

        var prefix = parts[0];
        var current = parts.AsSpan(1);
        var group = "";
        if (prefix == "apis")
        {
            if (current.Length < 3)
            {
                // /apis, /apis/<group>, /apis/<group>/<version> are discovery documents.
                return nonResource;
            }

            group = current[0];
            current = current[1..];
        }
        else if (current.Length < 2)
        {
            return nonResource;
        }

        var version = current[0];
        current = current[1..];

        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };

        // The deprecated /watch/ path form.
        if (current.Length > 0 && current[0] == "watch")
        {
            verb = "watch";
            current = current[1..];
        }

        var ns = "";
        if (current.Length > 0 && current[0] == "namespaces")
        {
            if (current.Length > 1)
            {
                ns = current[1];
                if (current.Length > 2 && !NamespaceSubresources.Contains(current[2]))
                {
                    current = current[2..];
                }
            }
        }

        var resource = current.Length > 0 ? current[0] : "";
        var name = current.Length > 1 ? current[1] : "";
        var subresource = current.Length > 2 ? current[2] : "";
        var rest = current.Length > 3 ? current[3..].ToArray() : [];

        if (name.Length == 0 && verb == "get")
        {
            verb = watchQuery ? "watch" : "list";
        }
        else if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }
        else if (verb == "get" && watchQuery)
        {
            verb = "watch";
        }

        return new KubeRequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            Verb = verb,
            ApiPrefix = prefix,
            ApiGroup = group,
            ApiVersion = version,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = subresource,
            Parts = rest,
        };
    }
}
