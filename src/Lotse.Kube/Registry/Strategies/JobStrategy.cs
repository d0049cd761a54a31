using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// batch/v1 Job (upstream <c>pkg/registry/batch/job/strategy.go</c>, SetDefaults_Job, ValidateJob and ValidateJobUpdate).
/// Unless <c>manualSelector</c> is true the server picks the selector (<c>batch.kubernetes.io/controller-uid=&lt;uid&gt;</c>)
/// and labels the pod template. Stored only: no controller runs pods, so the status stays as the status subresource sets it.
/// </summary>
public sealed class JobStrategy : KubeStrategy
{
    private static readonly string[] SchedulingDirectives = ["nodeSelector", "tolerations", "schedulingGates"];

    /// <summary>The pod template's lists merge as a Pod's do (containers by name, …), the conditions by type.</summary>
    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Workloads.PodTemplates.MergeKeysAt("spec.template")) { ["status.conditions"] = "type" };

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "", "Status of the job."),
        new("Completions", "string", "", "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs."),
        new("Duration", "string", "", "Time required to complete the job."),
        TableColumn.AgeColumn,
        TableColumn.TemplateContainersColumn,
        TableColumn.TemplateImagesColumn,
        new("Selector", "string", "", "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["status.successful"];

    public override string GetSelectableField(JsonObject obj, string field) =>
        field == "status.successful" ? JobSpecs.Number(obj.GetObject("status").GetInt("succeeded") ?? 0) : "";

    public override string? DecodeError(JsonObject obj)
    {
        var spec = obj.GetObject("spec");
        foreach (var field in new[] { "parallelism", "completions", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "ttlSecondsAfterFinished" })
        {
            if (PriorityClassStrategy.Int32DecodeError(spec?[field], $"JobSpec.spec.{field}") is { } error)
            {
                return error;
            }
        }

        return DecodeChecks.Scalar(spec?["suspend"], "JobSpec.spec.suspend", "bool")
            ?? DecodeChecks.Scalar(spec?["manualSelector"], "JobSpec.spec.manualSelector", "bool")
            ?? DecodeChecks.Scalar(spec?["completionMode"], "JobSpec.spec.completionMode", "string")
            ?? DecodeChecks.Scalar(spec?["podReplacementPolicy"], "JobSpec.spec.podReplacementPolicy", "string");
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject();
        obj.Metadata()["generation"] = 1;
        var spec = Spec(obj);
        if (!JobSpecs.IsTrue(spec, "manualSelector"))
        {
            GenerateSelector(obj, spec);
        }

        ApplyDefaults(obj, spec);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        ApplyDefaults(obj, Spec(obj));
        obj.BumpGenerationOnChange(old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors) => Validate(obj, requirePrefixedLabels: true, errors);

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var oldSpec = old.GetObject("spec");
        var oldLabels = oldSpec.GetObject("template").GetObject("metadata").GetObject("labels");
        Validate(obj, requirePrefixedLabels: oldLabels?.ContainsKey(JobSpecs.JobNameLabel) == true, errors);
        var spec = obj.GetObject("spec");
        var indexed = spec.GetString("completionMode") == "Indexed";
        if (!JsonNode.DeepEquals(spec?["completions"], oldSpec?["completions"])
            && (!indexed || (spec?["completions"] is not null && spec.GetInt("completions") != spec.GetInt("parallelism"))))
        {
            errors.Add(indexed
                ? FieldError.InvalidRaw("spec.completions", JobSpecs.GoValue(spec?["completions"], ""), "can only be modified in tandem with spec.parallelism")
                : FieldError.InvalidRaw("spec.completions", JobSpecs.GoValue(spec?["completions"], ""), "field is immutable"));
        }

        Immutable(spec, oldSpec, "selector", errors);
        var template = spec.GetObject("template")?.DeepClone() as JsonObject;
        var oldTemplate = oldSpec.GetObject("template")?.DeepClone() as JsonObject;
        if (JobSpecs.IsTrue(oldSpec, "suspend") && old.GetObject("status")?["startTime"] is null && template is not null && oldTemplate is not null)
        {
            // A suspended job that never started may still move its pods: scheduling directives, labels and annotations.
            AllowSchedulingChanges(template, oldTemplate);
        }

        if (!JsonNode.DeepEquals(template, oldTemplate))
        {
            errors.Add(FieldError.InvalidRaw("spec.template", "core.PodTemplateSpec{…}", "field is immutable"));
        }

        foreach (var field in new[] { "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy" })
        {
            Immutable(spec, oldSpec, field, errors);
        }
    }

    /// <summary>Status writes: counters stay non-negative, a completion does not precede the start.</summary>
    public static void ValidateStatus(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var status = obj.GetObject("status");
        foreach (var field in new[] { "active", "succeeded", "failed", "ready", "terminating" })
        {
            if (status.GetInt(field) is < 0 and var value)
            {
                errors.Add(FieldError.InvalidRaw($"status.{field}", JobSpecs.Number(value), "must be greater than or equal to 0"));
            }
        }

        var start = JsonObjectExtensions.ParseTime(status.GetString("startTime"));
        var completion = JsonObjectExtensions.ParseTime(status.GetString("completionTime"));
        if (start is not null && completion is not null && completion < start)
        {
            errors.Add(FieldError.InvalidRaw("status.completionTime", status.GetString("completionTime")!, "completionTime cannot be set before startTime"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        var succeeded = status.GetInt("succeeded") ?? 0;
        string completions;
        if (spec.GetInt("completions") is { } wanted)
        {
            completions = $"{succeeded}/{wanted}";
        }
        else
        {
            var parallelism = spec.GetInt("parallelism") ?? 0;
            completions = parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
        }

        var start = JsonObjectExtensions.ParseTime(status.GetString("startTime"));
        var completion = JsonObjectExtensions.ParseTime(status.GetString("completionTime"));
        var duration = start is null ? "" : HumanDuration.Format((completion ?? now) - start.Value);
        cells.Add(obj.Name());
        cells.Add(Phase(obj, status));
        cells.Add(completions);
        cells.Add(duration);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        var template = spec.GetObject("template");
        cells.Add(PodTemplates.ContainerNames(template));
        cells.Add(PodTemplates.ContainerImages(template));
        cells.Add(LabelSelectors.Format(spec.GetObject("selector")));
    }

    private static string Phase(JsonObject obj, JsonObject? status)
    {
        bool Has(string type) => status.GetArray("conditions")?.OfType<JsonObject>().Any(c => c.GetString("type") == type && c.GetString("status") == "True") == true;
        return Has("Complete") ? "Complete"
            : Has("Failed") ? "Failed"
            : obj.GetObject("metadata")?["deletionTimestamp"] is not null ? "Terminating"
            : Has("Suspended") ? "Suspended"
            : Has("FailureTarget") ? "FailureTarget"
            : Has("SuccessCriteriaMet") ? "SuccessCriteriaMet"
            : "Running";
    }

    private static void Validate(JsonObject obj, bool requirePrefixedLabels, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        ValidateGeneratedSelector(obj, spec, requirePrefixedLabels, errors);
        JobSpecs.Validate(spec, "spec", errors);
        var selector = spec.GetObject("selector");
        if (selector is null)
        {
            errors.Add(FieldError.Required("spec.selector", ""));
        }
        else
        {
            var labels = spec.GetObject("template").GetObject("metadata").GetObject("labels");
            if (!LabelSelectors.Matches(selector, labels))
            {
                errors.Add(FieldError.InvalidRaw("spec.template.metadata.labels", LabelSelectors.GoMap(labels), "`selector` does not match template `labels`"));
            }
        }

        if (spec.GetString("completionMode") == "Indexed" && spec.GetInt("completions") is > 0 and var completions)
        {
            var hostname = $"{obj.Name()}-{completions - 1}";
            if (NameRules.IsDns1123Label(hostname).Any())
            {
                errors.Add(FieldError.Invalid("metadata.name", obj.Name(), $"will not able to create pod with invalid DNS label: {hostname}"));
            }
        }
    }

    private static void ValidateGeneratedSelector(JsonObject obj, JsonObject? spec, bool requirePrefixedLabels, List<FieldError> errors)
    {
        var selector = spec.GetObject("selector");
        if (JobSpecs.IsTrue(spec, "manualSelector") || selector is null)
        {
            return;
        }

        var uid = obj.MetaString("uid") ?? "";
        var name = obj.Name();
        var labels = spec.GetObject("template").GetObject("metadata").GetObject("labels");
        var expected = new JsonObject();
        var required = new List<(string Key, string Value)> { (JobSpecs.LegacyControllerUidLabel, uid), (JobSpecs.LegacyJobNameLabel, name) };
        if (requirePrefixedLabels)
        {
            required.Add((JobSpecs.ControllerUidLabel, uid));
            required.Add((JobSpecs.JobNameLabel, name));
        }

        foreach (var (key, value) in required)
        {
            var path = $"spec.template.metadata.labels[{key}]";
            var actual = labels.GetString(key);
            if (actual is null)
            {
                errors.Add(FieldError.Required(path, value));
            }
            else if (actual != value)
            {
                errors.Add(FieldError.InvalidRaw(path, LabelSelectors.GoMap(labels), $"must be '{value}'"));
            }

            expected[key] = value;
        }

        if (!LabelSelectors.Matches(selector, expected))
        {
            errors.Add(FieldError.InvalidRaw("spec.selector", LabelSelectors.GoSelector(selector), "`selector` not auto-generated"));
        }
    }

    /// <summary>Upstream generateSelector: the four job labels on the template (user values win) and a selector on the uid.</summary>
    private static void GenerateSelector(JsonObject obj, JsonObject spec)
    {
        if (spec["template"] is not JsonObject template)
        {
            template = [];
            spec["template"] = template;
        }

        var meta = template.Metadata();
        if (meta["labels"] is not JsonObject labels)
        {
            labels = [];
            meta["labels"] = labels;
        }

        var uid = obj.MetaString("uid") ?? "";
        labels[JobSpecs.LegacyJobNameLabel] ??= obj.Name();
        labels[JobSpecs.JobNameLabel] ??= obj.Name();
        labels[JobSpecs.LegacyControllerUidLabel] ??= uid;
        labels[JobSpecs.ControllerUidLabel] ??= uid;
        if (spec["selector"] is not JsonObject selector)
        {
            selector = [];
            spec["selector"] = selector;
        }

        if (selector["matchLabels"] is not JsonObject matchLabels)
        {
            matchLabels = [];
            selector["matchLabels"] = matchLabels;
        }

        matchLabels[JobSpecs.ControllerUidLabel] ??= uid;
    }

    /// <summary>SetDefaults_Job: spec defaults, and a Job without labels takes its template's.</summary>
    private static void ApplyDefaults(JsonObject obj, JsonObject spec)
    {
        JobSpecs.ApplyDefaults(spec);
        var templateLabels = spec.GetObject("template").GetObject("metadata").GetObject("labels");
        if (templateLabels is not null && obj.GetObject("metadata").GetObject("labels").CountProperties() == 0)
        {
            obj.Metadata()["labels"] = templateLabels.DeepClone();
        }
    }

    private static JsonObject Spec(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        return spec;
    }

    private static void AllowSchedulingChanges(JsonObject template, JsonObject oldTemplate)
    {
        var oldMeta = oldTemplate.Metadata();
        var meta = template.GetObject("metadata");
        oldMeta["labels"] = meta?["labels"]?.DeepClone();
        oldMeta["annotations"] = meta?["annotations"]?.DeepClone();
        var spec = template.GetObject("spec");
        if (oldTemplate["spec"] is not JsonObject oldSpec || spec is null)
        {
            return;
        }

        foreach (var field in SchedulingDirectives)
        {
            oldSpec[field] = spec[field]?.DeepClone();
        }

        var affinity = spec.GetObject("affinity");
        var oldAffinity = oldSpec.GetObject("affinity");
        if (oldAffinity is not null)
        {
            oldAffinity["nodeAffinity"] = affinity?["nodeAffinity"]?.DeepClone();
            if (affinity is null && oldAffinity.All(p => p.Value is null))
            {
                oldSpec["affinity"] = null;
            }
        }
        else if (affinity is not null)
        {
            oldSpec["affinity"] = new JsonObject { ["nodeAffinity"] = affinity["nodeAffinity"]?.DeepClone() };
        }

        Strip(oldTemplate);
        Strip(template);
    }

    /// <summary>Drops null members so "absent" and "null" compare equal.</summary>
    private static void Strip(JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }

        foreach (var child in obj.Select(p => p.Value).OfType<JsonObject>())
        {
            Strip(child);
        }
    }

    private static void Immutable(JsonObject? spec, JsonObject? oldSpec, string field, List<FieldError> errors)
    {
        if (!JsonNode.DeepEquals(spec?[field], oldSpec?[field]))
        {
            var value = field == "selector" && spec.GetObject("selector") is { } selector
                ? LabelSelectors.GoSelector(selector)
                : JobSpecs.GoValue(spec?[field], field);
            errors.Add(FieldError.InvalidRaw($"spec.{field}", value, "field is immutable"));
        }
    }
}
