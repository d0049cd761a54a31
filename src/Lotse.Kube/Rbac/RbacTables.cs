using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Rbac;

/// <summary>kubectl's printers for the RBAC kinds (<c>printRole</c>, <c>printRoleBinding</c>, … in <c>printers.go</c>).</summary>
public static class RbacTables
{
    public static IReadOnlyList<TableColumn> RoleColumns { get; } =
    [
        TableColumn.NameColumn,
        new("Created At", "date", "", TableColumn.AgeColumn.Description),
    ];

    public static IReadOnlyList<TableColumn> RoleBindingColumns { get; } = BindingColumns(
        "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.");

    public static IReadOnlyList<TableColumn> ClusterRoleBindingColumns { get; } = BindingColumns(
        "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.");

    /// <summary>NAME, CREATED AT (RFC 3339, UTC).</summary>
    public static void WriteRoleCells(JsonObject obj, List<object> cells)
    {
        cells.Add(obj.Name());
        var created = obj.CreationTimestamp() ?? DateTimeOffset.MinValue;
        cells.Add(created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>NAME, ROLE (<c>ClusterRole/view</c>), AGE, and for <c>-o wide</c> USERS, GROUPS, SERVICEACCOUNTS (<c>ns/name</c>).</summary>
    public static void WriteBindingCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var roleRef = obj.GetObject("roleRef");
        cells.Add(obj.Name());
        cells.Add($"{roleRef.GetString("kind")}/{roleRef.GetString("name")}");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        var subjects = (obj.GetArray("subjects") ?? []).OfType<JsonObject>().ToList();
        string Join(string kind, Func<JsonObject, string> format) =>
            string.Join(", ", subjects.Where(s => s.GetString("kind") == kind).Select(format));
        cells.Add(Join(RbacSubject.UserKind, s => s.GetString("name") ?? ""));
        cells.Add(Join(RbacSubject.GroupKind, s => s.GetString("name") ?? ""));
        cells.Add(Join(RbacSubject.ServiceAccountKind, s => $"{s.GetString("namespace")}/{s.GetString("name")}"));
    }

    private static TableColumn[] BindingColumns(string roleRefDescription) =>
    [
        TableColumn.NameColumn,
        new("Role", "string", "", roleRefDescription),
        TableColumn.AgeColumn,
        new("Users", "string", "", "Users in the roleBinding", 1),
        new("Groups", "string", "", "Groups in the roleBinding", 1),
        new("ServiceAccounts", "string", "", "ServiceAccounts in the roleBinding", 1),
    ];
}
