using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Workloads;

/// <summary>
/// The batch/v1 <c>JobSpec</c> as Jobs and CronJob job templates share it (upstream <c>pkg/apis/batch/v1/defaults.go</c>
/// SetDefaults_Job and <c>validateJobSpec</c>): defaults, the checks users meet, and the labels of generated selectors.
/// </summary>
public static class JobSpecs
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string LegacyControllerUidLabel = "controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyJobNameLabel = "job-name";

    private static readonly string[] CompletionModes = ["NonIndexed", "Indexed"];
    private static readonly string[] ReplacementPolicies = ["Failed", "TerminatingOrFailed"];
    private static readonly string[] NonNegativeFields = ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes"];

    /// <summary>SetDefaults_Job's spec part (a Job's; CronJob job templates get only the pod template defaults).</summary>
    public static void ApplyDefaults(JsonObject spec)
    {
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
            spec["parallelism"] = 1;
        }

        spec["parallelism"] ??= 1;
        spec["backoffLimit"] ??= spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        spec["podReplacementPolicy"] ??= spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed";
        PodTemplates.ApplyDefaults(spec.GetObject("template"));
    }

    /// <summary>Upstream validateJobSpec: counts, completion mode, replacement policy, the pod template and its restart policy.</summary>
    public static void Validate(JsonObject? spec, string path, List<FieldError> errors)
    {
        foreach (var field in NonNegativeFields)
        {
            if (spec.GetInt(field) is < 0 and var value)
            {
                errors.Add(FieldError.InvalidRaw($"{path}.{field}", Number(value), "must be greater than or equal to 0"));
            }
        }

        if (spec?["maxFailedIndexes"] is not null && spec["backoffLimitPerIndex"] is null)
        {
            errors.Add(FieldError.Required($"{path}.backoffLimitPerIndex", "when maxFailedIndexes is specified"));
        }

        var mode = spec.GetString("completionMode");
        if (mode is not null && !CompletionModes.Contains(mode))
        {
            errors.Add(FieldError.NotSupported($"{path}.completionMode", mode, CompletionModes));
        }

        if (mode == "Indexed")
        {
            if (spec?["completions"] is null)
            {
                errors.Add(FieldError.Required($"{path}.completions", "when completion mode is Indexed"));
            }
        }
        else
        {
            foreach (var field in new[] { "backoffLimitPerIndex", "maxFailedIndexes" })
            {
                if (spec.GetInt(field) is { } value)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.{field}", Number(value), "requires indexed completion mode"));
                }
            }
        }

        if (spec.GetString("podReplacementPolicy") is { } replacement)
        {
            if (spec?["podFailurePolicy"] is not null && replacement != "Failed")
            {
                errors.Add(FieldError.NotSupported($"{path}.podReplacementPolicy", replacement, ["Failed"]));
            }
            else if (!ReplacementPolicies.Contains(replacement))
            {
                errors.Add(FieldError.NotSupported($"{path}.podReplacementPolicy", replacement, ReplacementPolicies));
            }
        }

        var template = spec.GetObject("template") ?? [];
        PodTemplates.ValidateContainers(template, $"{path}.template", errors);
        var restartPath = $"{path}.template.spec.restartPolicy";
        var restart = template.GetObject("spec").GetString("restartPolicy") ?? "";
        if (restart is "Always" or "")
        {
            errors.Add(FieldError.Required(restartPath, "valid values: \"OnFailure\", \"Never\""));
        }
        else if (restart is not ("OnFailure" or "Never"))
        {
            errors.Add(FieldError.NotSupported(restartPath, restart, ["OnFailure", "Never"]));
        }
        else if (spec?["podFailurePolicy"] is not null && restart != "Never")
        {
            errors.Add(FieldError.Invalid(restartPath, restart, "only \"Never\" is supported when podFailurePolicy is specified"));
        }
    }

    /// <summary>True when the field holds JSON <c>true</c>.</summary>
    public static bool IsTrue(JsonObject? obj, string field) => obj?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>
    /// apimachinery's rendering of a scalar in "Invalid value: …" (a nil pointer prints as the string "null"); objects
    /// print as their Go type name, an approximation of Go's <c>%#v</c> dump.
    /// </summary>
    public static string GoValue(JsonNode? node, string goType) => node switch
    {
        null => "\"null\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"\"{v.GetValue<string>()}\"",
        JsonValue v => v.ToJsonString(),
        _ => goType + "{…}",
    };

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
