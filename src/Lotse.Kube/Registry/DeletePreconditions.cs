namespace Lotse.Kube.Registry;

/// <summary><c>DeleteOptions.preconditions</c>: delete only this incarnation (uid) or only this version (resourceVersion).</summary>
public readonly record struct DeletePreconditions(string? Uid, string? ResourceVersion);
