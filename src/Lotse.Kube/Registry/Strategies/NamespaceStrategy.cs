using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 Namespace (upstream <c>pkg/registry/core/namespace/strategy.go</c>). Cluster-scoped, named by an RFC 1123
/// label, always labelled <c>kubernetes.io/metadata.name</c>. Until a namespace controller exists, deleting a
/// namespace deletes its content in the same commit (what that controller would do before finalizing), custom
/// resources of the cluster's namespaced CRDs included.
/// </summary>
public sealed class NamespaceStrategy(Func<IEnumerable<KubeResource>> namespacedResources) : KubeStrategy
{
    public const string NameLabel = "kubernetes.io/metadata.name";

    /// <summary>Namespaces the NamespaceLifecycle admission plugin refuses to delete.</summary>
    public static readonly IReadOnlyList<string> Immortal = ["default", "kube-system", "kube-public"];

    public override NameFormat NameFormat => NameFormat.Dns1123Label;

    public override bool ReturnDeletedObject => true;

    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["status.phase", "name"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "", "The status of the namespace"),
        TableColumn.AgeColumn,
    ];

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        var spec = obj.GetObject("spec") ?? new JsonObject();
        obj["spec"] = spec;
        if (spec.GetArray("finalizers") is not { Count: > 0 })
        {
            spec["finalizers"] = new JsonArray("kubernetes");
        }

        SetNameLabel(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        // Main-resource writes never change status (that is the status subresource's job).
        obj["status"] = old["status"]?.DeepClone();
        obj["spec"] = old["spec"]?.DeepClone();
        SetNameLabel(obj);
    }

    public override async ValueTask OnDeleteAsync(KubeWriteContext context, JsonObject old, List<StoreOperation> operations)
    {
        var name = old.Name();
        foreach (var resource in namespacedResources().Concat(await CustomResources.ServedResourceCache.NamespacedCustomResourcesAsync(context)))
        {
            var prefix = $"{context.Cluster.StoragePrefix}{resource.StorageSegment}{name}/";
            var content = await context.Store.ListAsync(prefix, default, context.CancellationToken);
            foreach (var item in content.Items)
            {
                operations.Add(StoreOperation.Delete(item.Key, item.ModRevision));
                await resource.Strategy.OnDeleteAsync(context, ObjectBytes.Parse(item.Value, item.ModRevision), operations);
            }
        }
    }

    public override string GetSelectableField(JsonObject obj, string field) => field switch
    {
        "status.phase" => obj.GetObject("status").GetString("phase") ?? "",
        "name" => obj.Name(),
        _ => "",
    };

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(obj.GetObject("status").GetString("phase") ?? "");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    private static void SetNameLabel(JsonObject obj)
    {
        var meta = obj.Metadata();
        var labels = meta.GetObject("labels") ?? new JsonObject();
        meta["labels"] = labels;
        labels[NameLabel] = obj.Name();
    }
}
