using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 PodTemplate (upstream <c>pkg/registry/core/podtemplate/strategy.go</c>, <c>ValidatePodTemplate</c>): a stored
/// pod template, defaulted like a workload's and validated like a pod's spec (any restart policy); <c>metadata.generation</c>
/// starts at 1 and moves when the template changes.
/// </summary>
public sealed class PodTemplateStrategy : KubeStrategy
{
    private static readonly PodStrategy Pods = new();

    public override IReadOnlyList<string> TopLevelFields { get; } = ["template"];

    /// <summary>The pod's list merge keys, one level down under <c>template</c>.</summary>
    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } = Workloads.PodTemplates.MergeKeysAt("template");

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Containers", "string", "", "Names of each container in the template."),
        new("Images", "string", "", "Images referenced by each container in the template."),
        new("Pod Labels", "string", "", "The labels for the pod template."),
    ];

    public override void PrepareForCreate(JsonObject obj)
    {
        ApplyDefaults(obj);
        obj.Metadata()["generation"] = 1;
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        obj.BumpGenerationOnChange(old, "template");
    }

    public override void Validate(JsonObject obj, List<FieldError> errors) => ValidateTemplate(obj.GetObject("template"), "template", errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var template = obj.GetObject("template");
        cells.Add(obj.Name());
        cells.Add(PodTemplates.ContainerNames(template));
        cells.Add(PodTemplates.ContainerImages(template));
        var labels = template.GetObject("metadata").GetObject("labels");
        cells.Add(labels.CountProperties() == 0
            ? "<none>"
            : string.Join(",", labels!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
    }

    /// <summary>ValidatePodTemplateSpec: the template's labels and annotations, then its spec checked as a pod's spec at <paramref name="path"/>.spec.</summary>
    private static void ValidateTemplate(JsonObject? template, string path, List<FieldError> errors)
    {
        foreach (var (key, value) in template.GetObject("metadata").GetObject("labels") ?? [])
        {
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid($"{path}.metadata.labels", key, msg));
            }

            var text = value?.ToString() ?? "";
            foreach (var msg in NameRules.IsLabelValue(text))
            {
                errors.Add(FieldError.Invalid($"{path}.metadata.labels", text, msg));
            }
        }

        var pod = new JsonObject { ["spec"] = template?["spec"]?.DeepClone() };
        var podErrors = new List<FieldError>();
        Pods.Validate(pod, podErrors);
        errors.AddRange(podErrors.Select(e => e with { Field = $"{path}.{e.Field}" }));
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["template"] is not JsonObject template)
        {
            template = [];
            obj["template"] = template;
        }

        template["spec"] ??= new JsonObject();
        PodTemplates.ApplyDefaults(template);
    }
}
