using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>core/v1 ServiceAccount (upstream <c>pkg/registry/core/serviceaccount/strategy.go</c>).</summary>
public sealed class ServiceAccountStrategy : KubeStrategy
{
    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys) { ["secrets"] = "name" };

    public override IReadOnlyList<string> TopLevelFields { get; } = ["secrets", "imagePullSecrets", "automountServiceAccountToken"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Secrets", "string", "", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret"),
        TableColumn.AgeColumn,
    ];

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add((long)(obj.GetArray("secrets")?.Count ?? 0));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }
}
