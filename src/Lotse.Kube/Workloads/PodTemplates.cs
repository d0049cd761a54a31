using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Workloads;

/// <summary>
/// The pod template of a workload (upstream <c>pkg/apis/core/v1/defaults.go</c> SetDefaults_PodSpec/_Container and the
/// parts of ValidatePodTemplateSpec users meet): the cheap defaults and the container checks.
/// </summary>
public static class PodTemplates
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    /// <summary>Merge keys of a workload whose pod template sits at <c>spec.template</c>: the Pod's spec lists, one level down.</summary>
    public static IReadOnlyDictionary<string, string> TemplateMergeKeys { get; } = MergeKeysAt("spec.template");

    /// <summary>
    /// The common merge keys plus the Pod's spec lists (containers by name, …) under the pod template at
    /// <paramref name="templatePath"/>: strategic merge patch and server-side apply then treat a template's containers as
    /// upstream's types do, not as one atomic list.
    /// </summary>
    public static Dictionary<string, string> MergeKeysAt(string templatePath) => new(
        Patch.StrategicMergePatch.CommonMergeKeys.Concat(new Registry.Strategies.PodStrategy().PatchMergeKeys
            .Where(k => k.Key.StartsWith("spec.", StringComparison.Ordinal))
            .Select(k => KeyValuePair.Create($"{templatePath}.{k.Key}", k.Value))));

    public static void ApplyDefaults(JsonObject? template)
    {
        if (template?["spec"] is not JsonObject spec)
        {
            return;
        }

        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in spec.GetArray(list)?.OfType<JsonObject>() ?? [])
            {
                DefaultContainer(container);
            }
        }
    }

    /// <summary>
    /// Validates <c>template</c> for a replicated workload: labels must match the selector, pods restart Always.
    /// <paramref name="workloadKind"/> names the kind in the activeDeadlineSeconds message, as upstream's per-kind checks do.
    /// </summary>
    public static void Validate(JsonObject? template, JsonObject? selector, string path, List<FieldError> errors, string workloadKind = "ReplicaSet")
    {
        if (template is null)
        {
            errors.Add(FieldError.Required(path, ""));
            return;
        }

        var labels = template.GetObject("metadata").GetObject("labels");
        if (selector is not null && !LabelSelectors.IsEmpty(selector) && !LabelSelectors.Matches(selector, labels))
        {
            errors.Add(FieldError.InvalidRaw($"{path}.metadata.labels", LabelSelectors.GoMap(labels), "`selector` does not match template `labels`"));
        }

        ValidateContainers(template, path, errors);
        var spec = template.GetObject("spec");
        var specPath = $"{path}.spec";
        if (spec.GetString("restartPolicy") is { } restart && restart != "Always")
        {
            errors.Add(FieldError.NotSupported($"{specPath}.restartPolicy", restart, ["Always"]));
        }

        if (spec?["activeDeadlineSeconds"] is not null)
        {
            errors.Add(FieldError.Forbidden($"{specPath}.activeDeadlineSeconds", $"activeDeadlineSeconds in {workloadKind} is not Supported"));
        }
    }

    /// <summary>The container checks every pod template gets, whatever restart policy its workload allows.</summary>
    public static void ValidateContainers(JsonObject template, string path, List<FieldError> errors)
    {
        var spec = template.GetObject("spec");
        var specPath = $"{path}.spec";
        var containers = spec.GetArray("containers")?.OfType<JsonObject>().ToList() ?? [];
        if (containers.Count == 0)
        {
            errors.Add(FieldError.Required($"{specPath}.containers", ""));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var containerPath = $"{specPath}.containers[{i}]";
            var name = containers[i].GetString("name") ?? "";
            if (name.Length == 0)
            {
                errors.Add(FieldError.Required($"{containerPath}.name", ""));
            }
            else
            {
                foreach (var message in NameRules.IsDns1123Label(name))
                {
                    errors.Add(FieldError.Invalid($"{containerPath}.name", name, message));
                }

                if (!names.Add(name))
                {
                    errors.Add(FieldError.Duplicate($"{containerPath}.name", name));
                }
            }

            if (string.IsNullOrWhiteSpace(containers[i].GetString("image")))
            {
                errors.Add(FieldError.Required($"{containerPath}.image", ""));
            }

            if (containers[i].GetString("imagePullPolicy") is { } policy && !PullPolicies.Contains(policy))
            {
                errors.Add(FieldError.NotSupported($"{containerPath}.imagePullPolicy", policy, PullPolicies));
            }
        }
    }

    /// <summary>Names of the template's containers, comma-separated (the printers' CONTAINERS column).</summary>
    public static string ContainerNames(JsonObject? template) => Join(template, "name");

    /// <summary>Images of the template's containers, comma-separated (the printers' IMAGES column).</summary>
    public static string ContainerImages(JsonObject? template) => Join(template, "image");

    private static string Join(JsonObject? template, string field) =>
        string.Join(",", template.GetObject("spec").GetArray("containers")?.OfType<JsonObject>().Select(c => c.GetString(field) ?? "") ?? []);

    private static void DefaultContainer(JsonObject container)
    {
        container["terminationMessagePath"] ??= "/dev/termination-log";
        container["terminationMessagePolicy"] ??= "File";
        container["resources"] ??= new JsonObject();
        if (container["imagePullPolicy"] is null)
        {
            container["imagePullPolicy"] = ImageIsLatest(container.GetString("image") ?? "") ? "Always" : "IfNotPresent";
        }

        foreach (var port in container.GetArray("ports")?.OfType<JsonObject>() ?? [])
        {
            port["protocol"] ??= "TCP";
        }
    }

    /// <summary>No tag, or the tag <c>latest</c>, pulls Always; a digest or any other tag IfNotPresent (upstream parsers.ParseImageName).</summary>
    private static bool ImageIsLatest(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image[(colon + 1)..] == "latest";
    }
}
