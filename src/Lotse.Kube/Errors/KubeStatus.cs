using System.Text.Json;

namespace Lotse.Kube.Errors;

/// <summary>
/// A <c>meta/v1 Status</c>: every error the Kubernetes front door returns, and the success body of a delete.
/// The factories reproduce apimachinery's <c>pkg/api/errors</c> messages word for word, because kubectl prints
/// them and test suites grep them.
/// </summary>
public sealed record KubeStatus(int Code, string Reason, string Message)
{
    public string Status { get; init; } = "Failure";

    public string? DetailsName { get; init; }

    public string? DetailsGroup { get; init; }

    public string? DetailsKind { get; init; }

    public string? DetailsUid { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public IReadOnlyList<KubeStatusCause>? Causes { get; init; }

    /// <summary>For 410 on a list continue: a fresh token the client may use (inconsistent) to go on.</summary>
    public string? ListContinue { get; init; }

    public static KubeStatus NotFound(KubeGroupResource resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found") { DetailsName = name, DetailsGroup = resource.Group, DetailsKind = resource.Resource };

    public static KubeStatus RouteNotFound() => new(404, "NotFound", "the server could not find the requested resource");

    public static KubeStatus AlreadyExists(KubeGroupResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists") { DetailsName = name, DetailsGroup = resource.Group, DetailsKind = resource.Resource };

    public static KubeStatus Conflict(KubeGroupResource resource, string name, string reason) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource} \"{name}\": {reason}") { DetailsName = name, DetailsGroup = resource.Group, DetailsKind = resource.Resource };

    public const string ObjectModifiedMessage = "the object has been modified; please apply your changes to the latest version and try again";

    public static KubeStatus Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var aggregate = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        return new(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {aggregate}")
        {
            DetailsName = name,
            DetailsGroup = group,
            DetailsKind = kind,
            Causes = errors.Select(e => new KubeStatusCause(e.CauseType, e.Body, e.Field)).ToArray(),
        };
    }

    public static KubeStatus BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeStatus Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static KubeStatus Forbidden(KubeGroupResource resource, string name, string reason)
    {
        var message = (resource.Resource.Length, name.Length) switch
        {
            (0, _) => $"forbidden: {reason}",
            (_, 0) => $"{resource} is forbidden: {reason}",
            _ => $"{resource} \"{name}\" is forbidden: {reason}",
        };
        return new(403, "Forbidden", message) { DetailsName = name, DetailsGroup = resource.Group, DetailsKind = resource.Resource };
    }

    public static KubeStatus MethodNotSupported(KubeGroupResource resource, string action) =>
        new(405, "MethodNotAllowed", $"{action} is not supported on resources of kind \"{resource}\"") { DetailsGroup = resource.Group, DetailsKind = resource.Resource };

    public static KubeStatus NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static KubeStatus Expired(string message) => new(410, "Expired", message);

    public static KubeStatus RequestEntityTooLarge(long limit) => new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    public static KubeStatus UnsupportedMediaType(string message) => new(415, "UnsupportedMediaType", message);

    public static KubeStatus Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}") { Causes = [new KubeStatusCause("", message, null)] };

    public static KubeStatus TooLargeResourceVersion(long requested, long current) =>
        new(504, "Timeout", $"Timeout: Too large resource version: {requested}, current: {current}")
        {
            RetryAfterSeconds = 1,
            Causes = [new KubeStatusCause("ResourceVersionTooLarge", "Too large resource version", null)],
        };

    public static KubeStatus Success(KubeGroupResource resource, string name, string uid) =>
        new(200, "", "") { Status = "Success", DetailsName = name, DetailsGroup = resource.Group, DetailsKind = resource.Resource, DetailsUid = uid };

    public KubeStatusException ToException() => new(this);

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Status");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartObject("metadata");
        if (ListContinue is not null)
        {
            writer.WriteString("continue", ListContinue);
        }

        writer.WriteEndObject();
        writer.WriteString("status", Status);
        if (Message.Length > 0)
        {
            writer.WriteString("message", Message);
        }

        if (Reason.Length > 0)
        {
            writer.WriteString("reason", Reason);
        }

        if (DetailsName is not null || DetailsKind is not null || Causes is not null || RetryAfterSeconds is not null)
        {
            writer.WriteStartObject("details");
            WriteIfNotEmpty(writer, "name", DetailsName);
            WriteIfNotEmpty(writer, "group", DetailsGroup);
            WriteIfNotEmpty(writer, "kind", DetailsKind);
            WriteIfNotEmpty(writer, "uid", DetailsUid);
            if (Causes is { Count: > 0 })
            {
                writer.WriteStartArray("causes");
                foreach (var cause in Causes)
                {
                    writer.WriteStartObject();
                    WriteIfNotEmpty(writer, "reason", cause.Type);
                    WriteIfNotEmpty(writer, "message", cause.Message);
                    WriteIfNotEmpty(writer, "field", cause.Field);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (RetryAfterSeconds is { } retry)
            {
                writer.WriteNumber("retryAfterSeconds", retry);
            }

            writer.WriteEndObject();
        }

        writer.WriteNumber("code", Code);
        writer.WriteEndObject();
    }

    public byte[] ToJsonBytes()
    {
        using var buffer = new MemoryStream(256);
        // Relaxed escaping writes \" like Go's encoder, not \u0022: clients and humans read these messages.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static void WriteIfNotEmpty(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
