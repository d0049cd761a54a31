using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>The parts of <c>DeleteOptions</c> (body or query) that matter so far: preconditions and their validation.</summary>
public static class DeleteOptions
{
    private static readonly string[] PropagationPolicies = ["Background", "Foreground", "Orphan"];

    public static async ValueTask<DeletePreconditions> ReadAsync(KubeRequestContext request)
    {
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
        JsonObject? options = null;
        if (body.AsSpan().Trim(" \t\r\n"u8).Length > 0)
        {
            var node = RequestBody.Parse(body, RequestBody.MediaType(request.Http.Request) is "application/yaml", "couldn't get version/kind; json parse error: ");
            options = node as JsonObject ?? throw KubeStatus.BadRequest("DeleteOptions must be a JSON object").ToException();
            var kind = options.GetString("kind");
            if (!string.IsNullOrEmpty(kind) && kind != "DeleteOptions")
            {
                throw KubeStatus.BadRequest($"DeleteOptions in version \"v1\" cannot be handled as a DeleteOptions: no kind \"{kind}\" is registered").ToException();
            }
        }

        var policy = options.GetString("propagationPolicy") ?? request.Query("propagationPolicy");
        if (policy is not null && !PropagationPolicies.Contains(policy))
        {
            throw KubeStatus.Invalid("meta.k8s.io", "DeleteOptions", "", [FieldError.NotSupported("propagationPolicy", policy, PropagationPolicies)]).ToException();
        }

        var grace = options.GetInt("gracePeriodSeconds")
            ?? (request.Query("gracePeriodSeconds") is { } g && long.TryParse(g, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null);
        if (grace < 0)
        {
            throw KubeStatus.Invalid("meta.k8s.io", "DeleteOptions", "", [FieldError.InvalidRaw("gracePeriodSeconds", grace.Value.ToString(CultureInfo.InvariantCulture), "must be >= 0")]).ToException();
        }

        if (options.GetArray("dryRun") is { } dryRun && dryRun.Any(v => v?.ToString() != "All"))
        {
            throw KubeStatus.BadRequest($"dryRun: Unsupported value: \"{dryRun.First(v => v?.ToString() != "All")}\": supported values: \"All\"").ToException();
        }

        var preconditions = options.GetObject("preconditions");
        return new DeletePreconditions(preconditions.GetString("uid"), preconditions.GetString("resourceVersion"));
    }
}
