using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Reviews;

/// <summary>Decoding and answering for the create-only kinds: the body is checked like any create, and the answer is the object with its status (201).</summary>
public static class ReviewBody
{
    /// <summary>Reads the body as <paramref name="kind"/> (apiVersion/kind checks, unknown fields per fieldValidation).</summary>
    public static async Task<JsonObject> ReadAsync(KubeRequestContext request, KubeResource kind)
    {
        _ = request.DryRun;
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
        var duplicates = new List<string>();
        var parsed = RequestBody.ParseObject(body, RequestBody.MediaType(request.Http.Request), duplicates);
        var decoding = new KubeRequestContext(request.Http, request.Info, request.Scope with { Resource = kind }, request.User, request.Objects, request.Format);
        var obj = decoding.CheckDecodedObject(parsed, duplicates);
        var meta = obj.Metadata();
        if (kind.Namespaced)
        {
            // As every create: the body's namespace defaults to the URL's and may not differ from it.
            var bodyNamespace = meta.GetString("namespace");
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != request.Scope.Namespace)
            {
                throw KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request").ToException();
            }

            meta["namespace"] = request.Scope.Namespace;
        }

        if (!meta.ContainsKey("creationTimestamp"))
        {
            meta["creationTimestamp"] = null;
        }

        return obj;
    }

    public static Task WriteAsync(KubeRequestContext request, JsonObject obj) =>
        ResponseWriter.WriteBytesAsync(request.Http, 201, ObjectBytes.Serialize(obj));

    public static KubeApiServices Services(KubeRequestContext request) =>
        request.Services ?? throw KubeStatus.Internal("the server has no authentication services for this request").ToException();

    /// <summary>A string list field (null or absent: empty).</summary>
    public static List<string> Strings(JsonObject? obj, string name) =>
        obj.GetArray(name)?.OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String).Select(v => v.GetValue<string>()).ToList() ?? [];

    public static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    /// <summary>A user as <c>authentication.k8s.io/v1 UserInfo</c> (empty fields omitted).</summary>
    public static JsonObject UserInfo(KubeUser user)
    {
        var info = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            info["uid"] = user.Uid;
        }

        if (user.Groups.Count > 0)
        {
            info["groups"] = ToArray(user.Groups);
        }

        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, values) in user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                extra[key] = ToArray(values);
            }

            info["extra"] = extra;
        }

        return info;
    }
}
