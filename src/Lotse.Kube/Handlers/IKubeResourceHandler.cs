namespace Lotse.Kube.Handlers;

/// <summary>
/// Serves a resource or subresource that the generic store does not: a never-stored resource (the access and token
/// reviews) or a subresource with its own semantics (<c>serviceaccounts/token</c>). Handlers are stateless; what they
/// need from the server comes with the request (<see cref="KubeRequestContext.Services"/>).
/// </summary>
public interface IKubeResourceHandler
{
    Task HandleAsync(KubeRequestContext request);
}
