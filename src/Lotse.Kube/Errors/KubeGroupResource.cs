namespace Lotse.Kube.Errors;

/// <summary>A resource qualified by its API group, as kube-apiserver names it in messages (<c>configmaps</c>, <c>deployments.apps</c>).</summary>
public readonly record struct KubeGroupResource(string Group, string Resource)
{
    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
