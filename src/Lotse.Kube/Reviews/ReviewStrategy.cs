using System.Text.Json.Nodes;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Reviews;

/// <summary>
/// The strategy of the never-stored kinds (reviews, TokenRequest): they are only decoded (spec and status are their
/// fields) and answered, so nothing here touches storage.
/// </summary>
public sealed class ReviewStrategy : KubeStrategy
{
    public static readonly ReviewStrategy Instance = new();

    public override IReadOnlyList<TableColumn> Columns { get; } = [TableColumn.NameColumn, TableColumn.AgeColumn];

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }
}
