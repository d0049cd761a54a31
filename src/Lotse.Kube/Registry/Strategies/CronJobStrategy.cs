using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// batch/v1 CronJob (upstream <c>pkg/registry/batch/cronjob/strategy.go</c>, SetDefaults_CronJob, ValidateCronJobCreate
/// and ValidateCronJobUpdate): the schedule is parsed as the controller's cron parser would, time zones are checked
/// against the system zone database. Stored only: nothing runs the schedule, so no Jobs appear.
/// </summary>
public sealed partial class CronJobStrategy : KubeStrategy
{
    private static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];

    /// <summary>The pod template's lists merge as a Pod's do (containers by name, …).</summary>
    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Workloads.PodTemplates.MergeKeysAt("spec.jobTemplate.spec.template"));

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Schedule", "string", "", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        new("Timezone", "string", "", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones"),
        new("Suspend", "boolean", "", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
        new("Active", "integer", "", "A list of pointers to currently running jobs."),
        new("Last Schedule", "string", "", "Information when was the last time the job was successfully scheduled."),
        TableColumn.AgeColumn,
        TableColumn.TemplateContainersColumn,
        TableColumn.TemplateImagesColumn,
        new("Selector", "string", "", "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    public override string? DecodeError(JsonObject obj)
    {
        var spec = obj.GetObject("spec");
        return PriorityClassStrategy.Int32DecodeError(spec?["successfulJobsHistoryLimit"], "CronJobSpec.spec.successfulJobsHistoryLimit")
            ?? PriorityClassStrategy.Int32DecodeError(spec?["failedJobsHistoryLimit"], "CronJobSpec.spec.failedJobsHistoryLimit")
            ?? DecodeChecks.Scalar(spec?["schedule"], "CronJobSpec.spec.schedule", "string")
            ?? DecodeChecks.Scalar(spec?["timeZone"], "CronJobSpec.spec.timeZone", "string")
            ?? DecodeChecks.Scalar(spec?["concurrencyPolicy"], "CronJobSpec.spec.concurrencyPolicy", "string")
            ?? DecodeChecks.Scalar(spec?["suspend"], "CronJobSpec.spec.suspend", "bool");
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject();
        obj.Metadata()["generation"] = 1;
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        ApplyDefaults(obj);
        obj.BumpGenerationOnChange(old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        ValidateSpec(obj.GetObject("spec"), null, errors);
        if (obj.Name().Length > 52)
        {
            errors.Add(FieldError.Invalid("metadata.name", obj.Name(), "must be no more than 52 characters"));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) =>
        ValidateSpec(obj.GetObject("spec"), old.GetObject("spec") ?? [], errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        var lastSchedule = JsonObjectExtensions.ParseTime(status.GetString("lastScheduleTime"));
        cells.Add(obj.Name());
        cells.Add(spec.GetString("schedule") ?? "");
        cells.Add(spec.GetString("timeZone") ?? "<none>");
        cells.Add(spec?["suspend"] is JsonValue suspend && suspend.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? (JobSpecs.IsTrue(spec, "suspend") ? "True" : "False")
            : "<unset>");
        cells.Add((long)(status.GetArray("active")?.Count ?? 0));
        cells.Add(lastSchedule is null ? "<none>" : HumanDuration.Since(lastSchedule, now));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        var jobSpec = spec.GetObject("jobTemplate").GetObject("spec");
        var template = jobSpec.GetObject("template");
        cells.Add(PodTemplates.ContainerNames(template));
        cells.Add(PodTemplates.ContainerImages(template));
        cells.Add(LabelSelectors.Format(jobSpec.GetObject("selector")));
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        spec["concurrencyPolicy"] ??= "Allow";
        spec["suspend"] ??= false;
        spec["successfulJobsHistoryLimit"] ??= 3;
        spec["failedJobsHistoryLimit"] ??= 1;
        PodTemplates.ApplyDefaults(spec.GetObject("jobTemplate").GetObject("spec").GetObject("template"));
    }

    /// <summary>Upstream validateCronJobSpec; <paramref name="oldSpec"/> is null on create.</summary>
    private static void ValidateSpec(JsonObject? spec, JsonObject? oldSpec, List<FieldError> errors)
    {
        var schedule = spec.GetString("schedule") ?? "";
        var timeZone = spec?["timeZone"];
        if (schedule.Length == 0)
        {
            errors.Add(FieldError.Required("spec.schedule", ""));
        }
        else
        {
            if (CronSchedule.ParseError(schedule) is { } parseError)
            {
                errors.Add(FieldError.Invalid("spec.schedule", schedule, parseError));
            }

            var allowTzInSchedule = oldSpec.GetString("schedule")?.Contains("TZ", StringComparison.Ordinal) == true;
            if (schedule.Contains("TZ", StringComparison.Ordinal))
            {
                if (!allowTzInSchedule)
                {
                    errors.Add(FieldError.Invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
                }
                else if (timeZone is not null)
                {
                    errors.Add(FieldError.Invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
                }
            }
        }

        if (spec.GetInt("startingDeadlineSeconds") is < 0 and var deadline)
        {
            errors.Add(FieldError.InvalidRaw("spec.startingDeadlineSeconds", JobSpecs.Number(deadline), "must be greater than or equal to 0"));
        }

        if (oldSpec is null || !JsonNode.DeepEquals(timeZone, oldSpec["timeZone"]))
        {
            ValidateTimeZone(spec.GetString("timeZone"), errors);
        }

        var policy = spec.GetString("concurrencyPolicy") ?? "";
        if (policy.Length == 0)
        {
            errors.Add(FieldError.Required("spec.concurrencyPolicy", ""));
        }
        else if (!ConcurrencyPolicies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported("spec.concurrencyPolicy", policy, ConcurrencyPolicies));
        }

        var jobSpec = spec.GetObject("jobTemplate").GetObject("spec");
        JobSpecs.Validate(jobSpec, "spec.jobTemplate.spec", errors);
        if (jobSpec.GetObject("selector") is { } selector)
        {
            errors.Add(FieldError.InvalidRaw("spec.jobTemplate.spec.selector", LabelSelectors.GoSelector(selector), "`selector` will be auto-generated"));
        }

        if (JobSpecs.IsTrue(jobSpec, "manualSelector"))
        {
            errors.Add(FieldError.NotSupported("spec.jobTemplate.spec.manualSelector", "true", ["nil", "false"]));
        }

        foreach (var field in new[] { "successfulJobsHistoryLimit", "failedJobsHistoryLimit" })
        {
            if (spec.GetInt(field) is < 0 and var limit)
            {
                errors.Add(FieldError.InvalidRaw($"spec.{field}", JobSpecs.Number(limit), "must be greater than or equal to 0"));
            }
        }
    }

    private static void ValidateTimeZone(string? timeZone, List<FieldError> errors)
    {
        if (timeZone is null)
        {
            return;
        }

        if (timeZone.Length == 0)
        {
            errors.Add(FieldError.Invalid("spec.timeZone", timeZone, "timeZone must be nil or non-empty string"));
            return;
        }

        if (timeZone.Split('/').Any(part => part is "." or ".." || part.StartsWith('-') || !TimeZonePart().IsMatch(part)))
        {
            errors.Add(FieldError.Invalid("spec.timeZone", timeZone, $"unknown time zone {timeZone}"));
            return;
        }

        if (string.Equals(timeZone, "Local", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(FieldError.Invalid("spec.timeZone", timeZone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }

        if (CronSchedule.TimeZoneError(timeZone) is { } zoneError)
        {
            errors.Add(FieldError.Invalid("spec.timeZone", timeZone, zoneError));
        }
    }

    [GeneratedRegex("^[A-Za-z.\\-_0-9+]{1,14}$")]
    private static partial Regex TimeZonePart();
}
