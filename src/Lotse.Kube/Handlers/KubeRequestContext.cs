using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Requests;
using Lotse.Kube.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lotse.Kube.Handlers;

/// <summary>Everything one resource request carries once routing, authentication and authorization are done.</summary>
public sealed class KubeRequestContext(HttpContext http, KubeRequestInfo info, KubeScope scope, KubeUser user, KubeObjectStore objects, ResponseFormat format)
{
    public HttpContext Http { get; } = http;

    public KubeRequestInfo Info { get; } = info;

    public KubeScope Scope { get; } = scope;

    public KubeResource Resource => Scope.Resource;

    public KubeUser User { get; } = user;

    public KubeObjectStore Objects { get; } = objects;

    public ResponseFormat Format { get; } = format;

    /// <summary>The server's authenticators, authorizer and keys, for handlers that are more than storage (reviews, TokenRequest).</summary>
    public KubeApiServices? Services { get; init; }

    public CancellationToken Aborted => Http.RequestAborted;

    public DateTimeOffset Now => Objects.Time.GetUtcNow();

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;

    /// <summary><c>dryRun</c>: absent, or "All"; anything else is refused as upstream's ValidateDryRun does.</summary>
    public bool DryRun
    {
        get
        {
            var values = Http.Request.Query["dryRun"];
            if (values.Count == 0)
            {
                return false;
            }

            foreach (var value in values)
            {
                if (value != "All")
                {
                    throw KubeStatus.BadRequest($"dryRun: Unsupported value: \"{value}\": supported values: \"All\"").ToException();
                }
            }

            return true;
        }
    }

    /// <summary><c>fieldValidation</c>: Strict, Warn (default) or Ignore.</summary>
    public string FieldValidation => Query("fieldValidation") switch
    {
        null or "" => "Warn",
        "Strict" => "Strict",
        "Warn" => "Warn",
        "Ignore" => "Ignore",
        var other => throw KubeStatus.BadRequest($"invalid fieldValidation directive: {other}. Valid values are \"Ignore\", \"Warn\", \"Strict\"").ToException(),
    };

    /// <summary>Prefix of typed-decoding errors: <c>ConfigMap in version "v1" cannot be handled as a ConfigMap: </c>.</summary>
    public string DecodeErrorPrefix => $"{Resource.Kind} in version \"{Resource.Version}\" cannot be handled as a {Resource.Kind}: ";

    public void AddWarning(string message) =>
        Http.Response.Headers.Append("Warning", $"299 - \"{message.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");

    /// <summary>
    /// Checks a decoded body against the kind: apiVersion/kind must name this resource's kind (or be absent), the typed
    /// decoder's type errors are 400, and unknown fields are dropped, warned about or refused per fieldValidation.
    /// </summary>
    public JsonObject CheckDecodedObject(JsonObject obj, IReadOnlyList<string> duplicateFields)
    {
        var apiVersion = obj.GetString("apiVersion");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != Resource.GroupVersion)
        {
            throw KubeStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({Resource.GroupVersion})").ToException();
        }

        var kind = obj.GetString("kind");
        if (!string.IsNullOrEmpty(kind) && kind != Resource.Kind)
        {
            throw KubeStatus.BadRequest($"{DecodeErrorPrefix}converting (v1.{kind}) to ({(Resource.Group.Length == 0 ? "core" : Resource.Group)}.{Resource.Kind}): unknown conversion").ToException();
        }

        if (obj["metadata"] is { } metadata && metadata is not JsonObject)
        {
            throw KubeStatus.BadRequest($"{DecodeErrorPrefix}json: cannot unmarshal {metadata.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {Resource.Kind}.metadata of type v1.ObjectMeta").ToException();
        }

        if (MetadataTypeError(obj.GetObject("metadata")) is { } metaError)
        {
            throw KubeStatus.BadRequest(DecodeErrorPrefix + metaError).ToException();
        }

        if (Resource.Strategy.DecodeError(obj) is { } decodeError)
        {
            throw KubeStatus.BadRequest(DecodeErrorPrefix + decodeError).ToException();
        }

        var problems = Resource.Strategy.RemoveUnknownFields(obj).Select(f => $"unknown field \"{f}\"")
            .Concat(duplicateFields.Select(f => $"duplicate field \"{f}\"")).ToList();
        if (problems.Count > 0)
        {
            switch (FieldValidation)
            {
                case "Strict":
                    throw KubeStatus.BadRequest(DecodeErrorPrefix + "strict decoding error: " + string.Join(", ", problems)).ToException();
                case "Warn":
                    foreach (var problem in problems)
                    {
                        AddWarning(problem);
                    }

                    break;
            }
        }

        obj["apiVersion"] = Resource.GroupVersion;
        obj["kind"] = Resource.Kind;
        return obj.Canonicalize();
    }

    /// <summary>ObjectMeta fields with the wrong JSON type, as Go's typed decoding reports them.</summary>
    private static string? MetadataTypeError(JsonObject? meta)
    {
        if (meta is null)
        {
            return null;
        }

        foreach (var field in new[] { "name", "generateName", "namespace", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp" })
        {
            if (meta[field] is { } value && value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                return $"json: cannot unmarshal {value.GetValueKind().ToString().ToLowerInvariant()} into Go struct field ObjectMeta.metadata.{field} of type string";
            }
        }

        foreach (var field in new[] { "labels", "annotations" })
        {
            if (DecodeChecks.StringMap(meta, "ObjectMeta.metadata", field) is { } mapError)
            {
                return mapError;
            }
        }

        if (meta["managedFields"] is { } managedFields && managedFields is not JsonArray)
        {
            return $"json: cannot unmarshal {managedFields.GetValueKind().ToString().ToLowerInvariant()} into Go struct field ObjectMeta.metadata.managedFields of type []v1.ManagedFieldsEntry";
        }

        if (meta["finalizers"] is { } finalizers && (finalizers is not JsonArray list || list.Any(f => f?.GetValueKind() != System.Text.Json.JsonValueKind.String)))
        {
            return "json: cannot unmarshal into Go struct field ObjectMeta.metadata.finalizers of type []string";
        }

        return null;
    }
}
