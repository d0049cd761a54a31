namespace Lotse.Kube.Patch;

/// <summary>A patch that cannot be applied to the document (a failed <c>test</c>, a missing path); the handler answers 422.</summary>
public sealed class PatchException(string message) : Exception(message);
