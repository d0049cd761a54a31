using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// What Validating- and MutatingWebhookConfigurations share (upstream <c>pkg/registry/admissionregistration/*webhookconfiguration</c>,
/// SetDefaults_*Webhook, validate*Webhook): stored with the defaults users see and core validation. Lotse never calls
/// the webhooks: admission runs without them, whatever these objects say.
/// </summary>
public abstract class WebhookConfigurationStrategy : KubeStrategy
{
    private static readonly string[] SideEffects = ["None", "NoneOnDryRun"];
    private static readonly string[] ReviewVersions = ["v1", "v1beta1"];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["webhooks"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Webhooks", "integer", "", "Webhooks indicates the number of webhooks registered in this configuration"),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } = new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys)
    {
        ["webhooks"] = "name",
    };

    /// <summary>Kind-specific defaults of one webhook (mutating: reinvocationPolicy).</summary>
    protected virtual void DefaultWebhook(JsonObject webhook)
    {
    }

    /// <summary>Kind-specific checks of one webhook.</summary>
    protected virtual void ValidateWebhook(JsonObject webhook, string path, List<FieldError> errors)
    {
    }

    public override string? DecodeError(JsonObject obj)
    {
        foreach (var webhook in obj.GetArray("webhooks")?.OfType<JsonObject>() ?? [])
        {
            if (PriorityClassStrategy.Int32DecodeError(webhook["timeoutSeconds"], $"{GetType().Name.Replace("ConfigurationStrategy", "", StringComparison.Ordinal)}.webhooks.timeoutSeconds") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        obj.Metadata()["generation"] = 1;
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        obj.BumpGenerationOnChange(old, "webhooks");
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var webhooks = obj.GetArray("webhooks")?.OfType<JsonObject>().ToList() ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < webhooks.Count; i++)
        {
            var path = $"webhooks[{i}]";
            var webhook = webhooks[i];
            var name = webhook.GetString("name") ?? "";
            AdmissionRegistrationRules.ValidateFullyQualifiedName(name, $"{path}.name", errors);
            AdmissionRegistrationRules.ValidateRules(webhook.GetArray("rules"), $"{path}.rules", errors);
            NotSupported(webhook, "failurePolicy", AdmissionRegistrationRules.FailurePolicies, path, errors);
            NotSupported(webhook, "matchPolicy", AdmissionRegistrationRules.MatchPolicies, path, errors);
            if (webhook.GetString("sideEffects") is not { } sideEffects)
            {
                errors.Add(FieldError.Required($"{path}.sideEffects", "must specify one of None, NoneOnDryRun"));
            }
            else if (!SideEffects.Contains(sideEffects))
            {
                errors.Add(FieldError.NotSupported($"{path}.sideEffects", sideEffects, SideEffects));
            }

            if (webhook.GetInt("timeoutSeconds") is { } timeout and (> 30 or < 1))
            {
                errors.Add(FieldError.InvalidRaw($"{path}.timeoutSeconds", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture), "the timeout value must be between 1 and 30 seconds"));
            }

            ValidateWebhook(webhook, path, errors);
            AdmissionRegistrationRules.ValidateClientConfig(webhook.GetObject("clientConfig"), $"{path}.clientConfig", errors);
            ValidateReviewVersions(AdmissionRegistrationRules.Strings(webhook, "admissionReviewVersions"), $"{path}.admissionReviewVersions", errors);
            if (name.Length > 0 && !names.Add(name))
            {
                errors.Add(FieldError.Duplicate($"{path}.name", name));
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add((long)(obj.GetArray("webhooks")?.Count ?? 0));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    protected static void NotSupported(JsonObject webhook, string field, string[] supported, string path, List<FieldError> errors)
    {
        if (webhook.GetString(field) is { } value && !supported.Contains(value))
        {
            errors.Add(FieldError.NotSupported($"{path}.{field}", value, supported));
        }
    }

    private static void ValidateReviewVersions(List<string> versions, string path, List<FieldError> errors)
    {
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Required(path, "must specify one of v1, v1beta1"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            if (!seen.Add(versions[i]))
            {
                errors.Add(FieldError.Invalid($"{path}[{i}]", versions[i], "duplicate version"));
                continue;
            }

            foreach (var message in Validation.NameRules.IsDns1035Label(versions[i]))
            {
                errors.Add(FieldError.Invalid($"{path}[{i}]", versions[i], message));
            }
        }

        if (!versions.Any(ReviewVersions.Contains))
        {
            errors.Add(FieldError.InvalidRaw(path, "[]string{" + string.Join(", ", versions.Select(v => $"\"{v}\"")) + "}", "must include at least one of v1, v1beta1"));
        }
    }

    private void ApplyDefaults(JsonObject obj)
    {
        foreach (var webhook in obj.GetArray("webhooks")?.OfType<JsonObject>() ?? [])
        {
            webhook["failurePolicy"] ??= "Fail";
            webhook["matchPolicy"] ??= "Equivalent";
            webhook["namespaceSelector"] ??= new JsonObject();
            webhook["objectSelector"] ??= new JsonObject();
            webhook["timeoutSeconds"] ??= 10;
            AdmissionRegistrationRules.DefaultRules(webhook.GetArray("rules"));
            if (webhook.GetObject("clientConfig").GetObject("service") is { } service)
            {
                service["port"] ??= 443;
            }

            DefaultWebhook(webhook);
        }
    }
}
