using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Rbac;

/// <summary>One subject of a binding: kind User, Group or ServiceAccount.</summary>
public sealed record RbacSubject(string Kind, string Name, string Namespace)
{
    public const string UserKind = "User";
    public const string GroupKind = "Group";
    public const string ServiceAccountKind = "ServiceAccount";

    /// <summary>The user name a service account authenticates as (<c>serviceaccount.MakeUsername</c>).</summary>
    public static string ServiceAccountUser(string ns, string name) => $"system:serviceaccount:{ns}:{name}";
}

/// <summary>A RoleBinding (namespace set) or ClusterRoleBinding (namespace empty), reduced to what authorization needs.</summary>
public sealed record RbacBinding(string Namespace, string Name, string RoleKind, string RoleName, RbacSubject[] Subjects)
{
    public static RbacBinding FromJson(JsonObject obj)
    {
        var roleRef = obj.GetObject("roleRef");
        var subjects = obj["subjects"] is JsonArray list
            ? list.OfType<JsonObject>().Select(s => new RbacSubject(s.GetString("kind") ?? "", s.GetString("name") ?? "", s.GetString("namespace") ?? "")).ToArray()
            : [];
        return new RbacBinding(obj.Namespace(), obj.Name(), roleRef.GetString("kind") ?? "", roleRef.GetString("name") ?? "", subjects);
    }

    /// <summary>
    /// The user name and group names this binding grants to (<c>appliesToUser</c>): users and groups by name, a service
    /// account as its user name, in the binding's namespace when the subject names none (RoleBindings only).
    /// </summary>
    public IEnumerable<(bool IsGroup, string Name)> SubjectKeys()
    {
        foreach (var subject in Subjects)
        {
            switch (subject.Kind)
            {
                case RbacSubject.UserKind:
                    yield return (false, subject.Name);
                    break;
                case RbacSubject.GroupKind:
                    yield return (true, subject.Name);
                    break;
                case RbacSubject.ServiceAccountKind:
                    var ns = subject.Namespace.Length > 0 ? subject.Namespace : Namespace;
                    if (ns.Length > 0)
                    {
                        yield return (false, RbacSubject.ServiceAccountUser(ns, subject.Name));
                    }

                    break;
            }
        }
    }
}
