namespace Lotse.Kube.Handlers;

/// <summary>
/// A subresource of a kind with its own handler, e.g. <c>serviceaccounts/token</c> answering with a
/// <c>authentication.k8s.io/v1 TokenRequest</c>. Discovery lists it as <c>&lt;resource&gt;/&lt;name&gt;</c>.
/// </summary>
/// <param name="Name">The path segment after the object name (<c>token</c>).</param>
/// <param name="Group">Group of the kind the subresource takes and answers with.</param>
/// <param name="Version">Version of that kind.</param>
/// <param name="Kind">The kind (<c>TokenRequest</c>).</param>
/// <param name="Verbs">Verbs as discovery lists them (<c>create</c>).</param>
/// <param name="Handler">Serves every request to the subresource.</param>
public sealed record KubeSubresource(string Name, string Group, string Version, string Kind, IReadOnlyList<string> Verbs, IKubeResourceHandler Handler);
