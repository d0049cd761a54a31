using System.Text;
using Lotse.Kube.Auth;
using Lotse.Kube.Requests;
using Microsoft.AspNetCore.Http;

namespace Lotse.Kube.Authentication;

/// <summary>
/// kube-apiserver's impersonation filter (<c>Impersonate-User</c>, <c>-Group</c>, <c>-Uid</c>, <c>-Extra-*</c>): each
/// requested attribute is one <c>impersonate</c> check on users, serviceaccounts, groups, userextras/&lt;key&gt; or uids,
/// refused with the authorizer's Forbidden; then the request continues as the impersonated user.
/// </summary>
public static class ImpersonationFilter
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";
    public const string ExtraHeaderPrefix = "Impersonate-Extra-";

    /// <summary>
    /// Returns the impersonated user, or null when the request impersonates nobody. A refused check throws the
    /// Forbidden Status; attributes without a user give <see cref="ImpersonationOutcome.InternalError"/> (a plain-text 500, as upstream).
    /// </summary>
    public static async ValueTask<ImpersonationOutcome> ApplyAsync(IHeaderDictionary headers, KubeCluster cluster, KubeUser requestor, IKubeAuthorizer authorizer, CancellationToken cancellationToken)
    {
        var requests = BuildRequests(headers);
        if (requests.Count == 0)
        {
            return default;
        }

        if (requests[0].Kind is not ("User" or "ServiceAccount"))
        {
            return new ImpersonationOutcome(null, $"requested [{string.Join(" ", requests.Select(r => r.GoFormat()))}] without impersonating a user");
        }

        var username = "";
        var uid = "";
        var groups = new List<string>();
        var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var groupsSpecified = requests.Any(r => r.Kind == "Group");
        foreach (var request in requests)
        {
            var check = new KubeRequestInfo
            {
                IsResourceRequest = true,
                Path = "",
                Verb = "impersonate",
                ApiGroup = request.ApiGroup,
                ApiVersion = request.ApiVersion,
                Namespace = request.Namespace,
                Name = request.Name,
            };
            switch (request.Kind)
            {
                case "ServiceAccount":
                    check = check with { Resource = "serviceaccounts" };
                    username = ServiceAccountUsername.Make(request.Namespace, request.Name);
                    if (!groupsSpecified)
                    {
                        groups.AddRange(ServiceAccountUsername.Groups(request.Namespace));
                    }

                    break;
                case "User":
                    check = check with { Resource = "users" };
                    username = request.Name;
                    break;
                case "Group":
                    check = check with { Resource = "groups" };
                    groups.Add(request.Name);
                    break;
                case "UserExtra":
                    check = check with { Resource = "userextras", Subresource = request.ExtraKey };
                    if (!extra.TryGetValue(request.ExtraKey, out var values))
                    {
                        extra[request.ExtraKey] = values = [];
                    }

                    values.Add(request.Name);
                    break;
                default:
                    check = check with { Resource = "uids" };
                    uid = request.Name;
                    break;
            }

            var decision = await authorizer.AuthorizeAsync(cluster, requestor, check, cancellationToken);
            if (!decision.Allowed)
            {
                throw ForbiddenMessage.For(requestor, check, decision.Reason).ToException();
            }
        }

        if (username != KubeUser.Anonymous.Name)
        {
            // Any non-anonymous user is authenticated, unless the caller named one of the two groups itself.
            if (!groups.Any(g => g is ServiceAccountUsername.AuthenticatedGroup or ServiceAccountUsername.UnauthenticatedGroup))
            {
                groups.Add(ServiceAccountUsername.AuthenticatedGroup);
            }
        }
        else if (!groups.Contains(ServiceAccountUsername.UnauthenticatedGroup))
        {
            groups.Add(ServiceAccountUsername.UnauthenticatedGroup);
        }

        var user = new KubeUser(username, uid, groups, extra.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal))
        {
            Impersonated = true,
        };
        return new ImpersonationOutcome(user, null);
    }

    /// <summary>Go's <c>http.Error</c> body for the impersonation filter's internal error.</summary>
    public static string InternalErrorText(string requestUri, string error) =>
        $"Internal Server Error: \"{requestUri.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\": {error}"
            .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static List<ImpersonationRequest> BuildRequests(IHeaderDictionary headers)
    {
        // Almost no request impersonates: one pass over the header names decides before anything is allocated for it.
        var any = false;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase))
            {
                any = true;
                break;
            }
        }

        var requests = new List<ImpersonationRequest>();
        if (!any)
        {
            return requests;
        }

        var user = headers[UserHeader].FirstOrDefault() ?? "";
        if (user.Length > 0)
        {
            requests.Add(ServiceAccountUsername.TrySplit(user, out var ns, out var name)
                ? new ImpersonationRequest("ServiceAccount", ns, name, "", "")
                : new ImpersonationRequest("User", "", user, "", ""));
        }

        foreach (var group in headers[GroupHeader])
        {
            requests.Add(new ImpersonationRequest("Group", "", group ?? "", "", ""));
        }

        foreach (var (header, values) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!header.StartsWith(ExtraHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = UnescapeExtraKey(header[ExtraHeaderPrefix.Length..].ToLowerInvariant());
            foreach (var value in values)
            {
                requests.Add(new ImpersonationRequest("UserExtra", "", value ?? "", "authentication.k8s.io/v1", key));
            }
        }

        var uid = headers[UidHeader].FirstOrDefault() ?? "";
        if (uid.Length > 0)
        {
            requests.Add(new ImpersonationRequest("UID", "", uid, "authentication.k8s.io/v1", ""));
        }

        return requests;
    }

    /// <summary>Extra keys travel percent-encoded in header names (<c>Impersonate-Extra-example.com%2fscopes</c>); a bad escape keeps the raw key.</summary>
    private static string UnescapeExtraKey(string encoded)
    {
        try
        {
            var bytes = new List<byte>(encoded.Length);
            for (var i = 0; i < encoded.Length; i++)
            {
                if (encoded[i] != '%')
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(encoded[i].ToString()));
                    continue;
                }

                if (i + 2 >= encoded.Length)
                {
                    return encoded;
                }

                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }
        catch (FormatException)
        {
            return encoded;
        }
    }

    /// <summary>One impersonated attribute, as upstream's ObjectReference (the extra key rides in FieldPath).</summary>
    private sealed record ImpersonationRequest(string Kind, string Namespace, string Name, string GroupVersion, string ExtraKey)
    {
        public string ApiGroup => GroupVersion.Contains('/', StringComparison.Ordinal) ? GroupVersion[..GroupVersion.IndexOf('/', StringComparison.Ordinal)] : "";

        public string ApiVersion => GroupVersion.Contains('/', StringComparison.Ordinal) ? GroupVersion[(GroupVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : GroupVersion;

        /// <summary>Go's <c>%v</c> of a v1.ObjectReference: its seven fields separated by spaces.</summary>
        public string GoFormat() => $"{{{Kind} {Namespace} {Name}  {GroupVersion}  {ExtraKey}}}";
    }
}

/// <summary>The impersonated user (null: no impersonation), or the text of the internal error upstream answers with.</summary>
public readonly record struct ImpersonationOutcome(KubeUser? User, string? InternalError);
