using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lotse.Kube;
using Lotse.Kube.Audit;

namespace Lotse.Eks.ControlPlaneLogs;

/// <summary>
/// Writes a <see cref="KubeAuditEvent"/> as the one-line <c>audit.k8s.io/v1</c> Event kube-apiserver logs at level
/// Metadata, stage ResponseComplete — the message of each event in the <c>kube-apiserver-audit-…</c> stream.
/// Metadata level never holds a request or response body; the user's <c>accessKeyId</c> extra is left out too, so
/// nothing key- or token-shaped reaches the log.
/// </summary>
public static class AuditEventFormatter
{
    /// <summary>User extras never logged (EKS logs the access key id; Lotse keeps every key material out of its logs).</summary>
    private static readonly HashSet<string> HiddenExtras = new(StringComparer.OrdinalIgnoreCase) { "accessKeyId" };

    public static string Format(object payload) => Format((KubeAuditEvent)payload);

    public static string Format(KubeAuditEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "Event");
            json.WriteString("apiVersion", "audit.k8s.io/v1");
            json.WriteString("level", "Metadata");
            json.WriteString("auditID", e.AuditId);
            json.WriteString("stage", "ResponseComplete");
            json.WriteString("requestURI", RequestUri(e));
            json.WriteString("verb", e.Request?.Verb ?? e.Method.ToLowerInvariant());
            json.WritePropertyName("user");
            WriteUser(json, e.User);
            if (e.ImpersonatedUser is { } impersonated)
            {
                json.WritePropertyName("impersonatedUser");
                WriteUser(json, impersonated);
            }

            json.WriteStartArray("sourceIPs");
            json.WriteStringValue(e.SourceIp);
            json.WriteEndArray();
            if (e.UserAgent.Length > 0)
            {
                json.WriteString("userAgent", e.UserAgent);
            }

            if (e.Request is { IsResourceRequest: true } request)
            {
                WriteObjectRef(json, request);
            }

            json.WriteStartObject("responseStatus");
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            if (e.Code >= 400)
            {
                json.WriteString("status", "Failure");
            }

            json.WriteNumber("code", e.Code);
            json.WriteEndObject();
            json.WriteString("requestReceivedTimestamp", MicroTime(e.RequestReceived));
            json.WriteString("stageTimestamp", MicroTime(e.Completed));
            if (e.Decision.Length > 0)
            {
                json.WriteStartObject("annotations");
                json.WriteString("authorization.k8s.io/decision", e.Decision);
                json.WriteString("authorization.k8s.io/reason", e.Reason);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The URI as the cluster saw it: without Lotse's <c>/clusters/&lt;id&gt;</c> routing prefix.</summary>
    private static string RequestUri(KubeAuditEvent e)
    {
        var prefix = "/clusters/" + e.Cluster.Id;
        if (!e.RequestUri.StartsWith(prefix, StringComparison.Ordinal))
        {
            return e.RequestUri;
        }

        var rest = e.RequestUri[prefix.Length..];
        return rest.Length == 0 || rest[0] == '?' ? "/" + rest : rest;
    }

    private static void WriteUser(Utf8JsonWriter json, KubeUser? user)
    {
        json.WriteStartObject();
        if (user is not null)
        {
            json.WriteString("username", user.Name);
            if (user.Uid.Length > 0)
            {
                json.WriteString("uid", user.Uid);
            }

            json.WriteStartArray("groups");
            foreach (var group in user.Groups)
            {
                json.WriteStringValue(group);
            }

            json.WriteEndArray();
            var extras = user.Extra.Where(x => !HiddenExtras.Contains(x.Key)).OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
            if (extras.Count > 0)
            {
                json.WriteStartObject("extra");
                foreach (var (key, values) in extras)
                {
                    json.WriteStartArray(key);
                    foreach (var value in values)
                    {
                        json.WriteStringValue(value);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
    }

    private static void WriteObjectRef(Utf8JsonWriter json, Kube.Requests.KubeRequestInfo request)
    {
        json.WriteStartObject("objectRef");
        json.WriteString("resource", request.Resource);
        WriteIfSet(json, "namespace", request.Namespace);
        WriteIfSet(json, "name", request.Name);
        WriteIfSet(json, "apiGroup", request.ApiGroup);
        WriteIfSet(json, "apiVersion", request.ApiVersion);
        WriteIfSet(json, "subresource", request.Subresource);
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0)
        {
            json.WriteString(name, value);
        }
    }

    // kube-apiserver's audit timestamps are RFC 3339 with microseconds.
    private static string MicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
