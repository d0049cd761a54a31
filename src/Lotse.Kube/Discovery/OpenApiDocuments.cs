using System.Security.Cryptography;
using System.Text.Json;
using Lotse.Kube.Registry;

namespace Lotse.Kube.Discovery;

/// <summary>
/// A minimal OpenAPI v3 (<c>/openapi/v3</c> index + one document per group-version), generated from the registry.
/// kubectl needs it before <c>create -f</c>/<c>apply -f</c>: it checks that each kind's PATCH operation (found by
/// <c>x-kubernetes-group-version-kind</c>) takes the <c>fieldValidation</c> parameter, then leaves validation to the
/// server. Schemas are open objects (custom resources: their CRD version's schema, for kubectl explain): no
/// client-side field checks, and kubectl falls back to its compiled-in patch metadata for strategic merge patches (the
/// PATCH operation does not offer that media type).
/// </summary>
public sealed class OpenApiDocuments
{
    private readonly Dictionary<string, (byte[] Body, string Hash)> _byGroupVersion = new(StringComparer.Ordinal);

    public OpenApiDocuments(KubeResourceRegistry registry)
    {
        foreach (var group in registry.Resources.GroupBy(r => r.GroupVersion))
        {
            var path = group.First().Group.Length == 0 ? $"api/{group.Key}" : $"apis/{group.Key}";
            var body = GroupVersionDocument(group.ToList());
            _byGroupVersion[path] = (body, Convert.ToHexString(SHA256.HashData(body)));
        }

        Index = Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("paths");
            foreach (var (path, doc) in _byGroupVersion)
            {
                w.WriteStartObject(path);
                // Rooted at /openapi/v3: the client re-applies its own path prefix (/clusters/<id>).
                w.WriteString("serverRelativeURL", $"/openapi/v3/{path}?hash={doc.Hash}");
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public byte[] Index { get; }

    /// <summary>
    /// The type of <c>/openapi/v2</c> in protobuf (gnostic's OpenAPI v2 Document). client-go asks for the older spelling with
    /// <c>@v1.0</c>, which Go's mime parser refuses in a Content-Type, so the answer names it with a dot as kube-apiserver does.
    /// </summary>
    public const string V2ProtobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>
    /// <c>/openapi/v2</c> as protobuf: a Swagger 2.0 document with no definitions (field 1 swagger, field 2 info with
    /// title and version). kubectl still reads v2 for client-side validation of a <c>kind: List</c> file (the v3 check
    /// declares List unsupported and falls back to schema validation); a kind absent from the document is not checked
    /// client-side, so the server's own validation decides, as it does for every other manifest here.
    /// </summary>
    public static byte[] V2Protobuf { get; } =
    [
        0x0A, 3, .. "2.0"u8,
        0x12, 21, 0x0A, 10, .. "Kubernetes"u8, 0x12, 7, .. "v1.32.9"u8,
    ];

    /// <summary>The same empty Swagger 2.0 document as JSON, for a client that asks for JSON.</summary>
    public static byte[] V2Json { get; } = """{"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.32.9"},"paths":{},"definitions":{}}"""u8.ToArray();

    /// <summary>The document for <c>api/v1</c> or <c>apis/&lt;g&gt;/&lt;v&gt;</c>, or null.</summary>
    public byte[]? GroupVersion(string path) => _byGroupVersion.TryGetValue(path.Trim('/'), out var doc) ? doc.Body : null;

    private static byte[] GroupVersionDocument(IReadOnlyList<KubeResource> resources) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("openapi", "3.0.0");
        w.WriteStartObject("info");
        w.WriteString("title", "Kubernetes");
        w.WriteString("version", "v1.32.9");
        w.WriteEndObject();
        w.WriteStartObject("paths");
        foreach (var resource in resources)
        {
            var prefix = resource.Group.Length == 0 ? $"/api/{resource.Version}" : $"/apis/{resource.Group}/{resource.Version}";
            var collection = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Resource}" : $"{prefix}/{resource.Resource}";
            w.WriteStartObject(collection);
            WriteOperation(w, "post", "create", resource, ["application/json", "application/yaml"]);
            WriteOperation(w, "get", "list", resource, []);
            w.WriteEndObject();
            w.WriteStartObject(collection + "/{name}");
            WriteOperation(w, "get", "read", resource, []);
            WriteOperation(w, "put", "replace", resource, ["application/json", "application/yaml"]);
            WriteOperation(w, "patch", "patch", resource, ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]);
            WriteOperation(w, "delete", "delete", resource, []);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("components");
        w.WriteStartObject("schemas");
        foreach (var resource in resources)
        {
            w.WriteStartObject(SchemaName(resource));
            if (resource.Strategy.OpenApiSchema is { } schema)
            {
                foreach (var (name, value) in schema)
                {
                    w.WritePropertyName(name);
                    if (value is null)
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(w);
                    }
                }
            }
            else
            {
                w.WriteString("type", "object");
                w.WriteBoolean("x-kubernetes-preserve-unknown-fields", true);
            }

            w.WriteStartArray("x-kubernetes-group-version-kind");
            WriteGvk(w, resource);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteOperation(Utf8JsonWriter w, string method, string action, KubeResource resource, string[] bodyTypes)
    {
        w.WriteStartObject(method);
        w.WriteString("operationId", $"{action}{resource.Kind}");
        w.WriteString("x-kubernetes-action", action switch { "read" => "get", "replace" => "put", _ => action });
        w.WritePropertyName("x-kubernetes-group-version-kind");
        WriteGvk(w, resource);
        w.WriteStartArray("parameters");
        if (bodyTypes.Length > 0)
        {
            foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation" })
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("in", "query");
                w.WriteStartObject("schema");
                w.WriteString("type", "string");
                w.WriteBoolean("uniqueItems", true);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        if (bodyTypes.Length > 0)
        {
            w.WriteStartObject("requestBody");
            w.WriteStartObject("content");
            foreach (var type in bodyTypes)
            {
                w.WriteStartObject(type);
                w.WriteStartObject("schema");
                w.WriteString("$ref", $"#/components/schemas/{SchemaName(resource)}");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteBoolean("required", true);
            w.WriteEndObject();
        }

        w.WriteStartObject("responses");
        w.WriteStartObject("200");
        w.WriteString("description", "OK");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteGvk(Utf8JsonWriter w, KubeResource resource)
    {
        w.WriteStartObject();
        w.WriteString("group", resource.Group);
        w.WriteString("kind", resource.Kind);
        w.WriteString("version", resource.Version);
        w.WriteEndObject();
    }

    /// <summary>Built-ins: <c>io.k8s.api.&lt;group&gt;.&lt;version&gt;.&lt;Kind&gt;</c>; custom resources: the reversed group, as upstream names them.</summary>
    private static string SchemaName(KubeResource resource) => resource.Strategy.OpenApiSchema is not null
        ? $"{string.Join('.', resource.Group.Split('.').Reverse())}.{resource.Version}.{resource.Kind}"
        : $"io.k8s.api.{(resource.Group.Length == 0 ? "core" : resource.Group.Split('.')[0])}.{resource.Version}.{resource.Kind}";

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
