using Lotse.Kube.Auth;
using Lotse.Kube.Discovery;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Registry;
using Lotse.Kube.Requests;
using Lotse.Kube.Serialization;
using Lotse.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotse.Kube;

/// <summary>
/// The Kubernetes front door: serves every hosted cluster under <c>/clusters/{id}/…</c>. Routing → (health,
/// version without auth) → bearer-token authentication → request info → authorization → discovery or the generic
/// registry. Every failure leaves as a <c>Status</c> object.
/// </summary>
public sealed partial class KubeApiServer
{
    private const string ClustersPrefix = "/clusters/";

    private readonly IKubeClusterDirectory _clusters;
    private readonly IReadOnlyList<IKubeTokenAuthenticator> _authenticators;
    private readonly IKubeAuthorizer _authorizer;
    private readonly ILogger<KubeApiServer> _logger;
    private readonly KubeObjectStore _objects;
    private readonly DiscoveryDocuments _discovery;
    private readonly OpenApiDocuments _openApi;

    public KubeApiServer(IStore store, IKubeClusterDirectory clusters, IEnumerable<IKubeTokenAuthenticator> authenticators, TimeProvider time, ILogger<KubeApiServer> logger)
        : this(store, clusters, authenticators, new MastersOnlyAuthorizer(), time, logger)
    {
    }

    public KubeApiServer(IStore store, IKubeClusterDirectory clusters, IEnumerable<IKubeTokenAuthenticator> authenticators, IKubeAuthorizer authorizer, TimeProvider time, ILogger<KubeApiServer> logger)
    {
        _clusters = clusters;
        _authenticators = authenticators.ToList();
        _authorizer = authorizer;
        _logger = logger;
        _objects = new KubeObjectStore(store, time);
        Registry = KubeResourceRegistry.CreateDefault();
        _discovery = new DiscoveryDocuments(Registry);
        _openApi = new OpenApiDocuments(Registry);
    }

    /// <summary>The kinds this server serves.</summary>
    public KubeResourceRegistry Registry { get; }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context);
        }
        catch (KubeStatusException e)
        {
            await TryWriteStatusAsync(context, e.Status);
        }
        catch (RevisionCompactedException e)
        {
            await TryWriteStatusAsync(context, KubeStatus.Expired($"too old resource version: {e.Requested} ({e.CompactedRevision})"));
        }
        catch (RevisionTooLargeException e)
        {
            await TryWriteStatusAsync(context, KubeStatus.TooLargeResourceVersion(e.Requested, e.Current));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception e)
        {
            LogUnhandled(_logger, e, context.Request.Method, context.Request.Path);
            await TryWriteStatusAsync(context, KubeStatus.Internal("an error on the server has prevented the request from succeeding"));
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var fullPath = context.Request.Path.Value ?? "";
        if (!fullPath.StartsWith(ClustersPrefix, StringComparison.Ordinal))
        {
            throw KubeStatus.RouteNotFound().ToException();
        }

        var slash = fullPath.IndexOf('/', ClustersPrefix.Length);
        var clusterId = slash < 0 ? fullPath[ClustersPrefix.Length..] : fullPath[ClustersPrefix.Length..slash];
        var path = slash < 0 ? "/" : fullPath[slash..];
        var cluster = _clusters.Find(clusterId) ?? throw KubeStatus.RouteNotFound().ToException();

        if (await TryServePublicAsync(context, cluster, path))
        {
            return;
        }

        var user = await AuthenticateAsync(context, cluster);
        var info = KubeRequestInfoParser.Parse(context.Request.Method, path, context.Request.Query["watch"] is var w && (w == "true" || w == "1"));
        var decision = await _authorizer.AuthorizeAsync(cluster, user, info, context.RequestAborted);
        if (!decision.Allowed)
        {
            throw ForbiddenMessage.For(user, info, decision.Reason).ToException();
        }

        if (!info.IsResourceRequest)
        {
            await ServeDiscoveryAsync(context, path);
            return;
        }

        await ServeResourceAsync(context, cluster, user, info);
    }

    /// <summary>Health and version answer anyone (system:public-info-viewer); kubectl's dispatcher probes /version first.</summary>
    private static async Task<bool> TryServePublicAsync(HttpContext context, KubeCluster cluster, string path)
    {
        var trimmed = path.TrimEnd('/');
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return false;
        }

        if (trimmed == "/version")
        {
            await ResponseWriter.WriteBytesAsync(context, 200, VersionInfo.For(cluster.KubernetesVersion));
            return true;
        }

        if (trimmed is "/healthz" or "/livez" or "/readyz" || trimmed.StartsWith("/healthz/", StringComparison.Ordinal)
            || trimmed.StartsWith("/livez/", StringComparison.Ordinal) || trimmed.StartsWith("/readyz/", StringComparison.Ordinal))
        {
            await ResponseWriter.WriteBytesAsync(context, 200, "ok"u8.ToArray(), "text/plain; charset=utf-8");
            return true;
        }

        return false;
    }

    private async ValueTask<KubeUser> AuthenticateAsync(HttpContext context, KubeCluster cluster)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            var token = header[Bearer.Length..].Trim();
            if (token.Length > 0)
            {
                foreach (var authenticator in _authenticators)
                {
                    var result = await authenticator.AuthenticateAsync(cluster, token, context.RequestAborted);
                    if (result.User is { } user)
                    {
                        return user;
                    }

                    if (result.FailureReason is { } reason)
                    {
                        LogAuthenticationFailed(_logger, cluster.Id, reason);
                        break;
                    }
                }
            }
        }

        throw KubeStatus.Unauthorized().ToException();
    }

    private async Task ServeResourceAsync(HttpContext context, KubeCluster cluster, KubeUser user, KubeRequestInfo info)
    {
        var resource = Registry.Find(info.ApiGroup, info.ApiVersion, info.Resource);
        if (resource is null || info.Subresource.Length > 0 || (!resource.Namespaced && info.Namespace.Length > 0 && info.Resource != "namespaces"))
        {
            throw KubeStatus.RouteNotFound().ToException();
        }

        // For the namespaces resource the request info sets Namespace to the object's name; the scope is cluster-wide.
        var scope = new KubeScope(cluster, resource, resource.Namespaced ? info.Namespace : "");
        var format = ResponseFormat.Negotiate(context.Request.Headers.Accept.ToString())
            ?? throw KubeStatus.NotAcceptable("only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io").ToException();
        if (!resource.Supports(info.Verb))
        {
            throw KubeStatus.MethodNotSupported(resource.GroupResource, info.Verb).ToException();
        }

        var request = new KubeRequestContext(context, info, scope, user, _objects, format);
        Func<KubeRequestContext, Task> handler = info.Verb switch
        {
            "get" => GetHandler.HandleAsync,
            "list" => ListHandler.HandleAsync,
            "watch" => WatchHandler.HandleAsync,
            "create" => CreateHandler.HandleAsync,
            "update" => UpdateHandler.HandleAsync,
            "patch" => PatchHandler.HandleAsync,
            "delete" => DeleteHandler.HandleAsync,
            "deletecollection" => DeleteCollectionHandler.HandleAsync,
            _ => throw KubeStatus.MethodNotSupported(resource.GroupResource, info.Verb).ToException(),
        };

        if (info.Verb == "create" && info.Name.Length > 0)
        {
            throw KubeStatus.MethodNotSupported(resource.GroupResource, "create").ToException();
        }

        await handler(request);
    }

    private async Task ServeDiscoveryAsync(HttpContext context, string path)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            throw new KubeStatus(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource").ToException();
        }

        var trimmed = path.TrimEnd('/');
        var accept = context.Request.Headers.Accept.ToString();
        context.Response.Headers.Vary = "Accept";
        if ((trimmed is "/api" or "/apis") && DiscoveryDocuments.WantsAggregated(accept))
        {
            var document = trimmed == "/api" ? _discovery.AggregatedCore : _discovery.AggregatedGroups;
            context.Response.Headers.ETag = document.ETag;
            if (context.Request.Headers.IfNoneMatch.ToString() == document.ETag)
            {
                context.Response.StatusCode = 304;
                return;
            }

            await ResponseWriter.WriteBytesAsync(context, 200, document.Body, DiscoveryDocuments.AggregatedContentTypeV2);
            return;
        }

        if (trimmed == "/api")
        {
            await ResponseWriter.WriteBytesAsync(context, 200, DiscoveryDocuments.ApiVersions(context.Request.Host.Value ?? ""));
            return;
        }

        if (trimmed == "/openapi/v3")
        {
            await ResponseWriter.WriteBytesAsync(context, 200, _openApi.Index);
            return;
        }

        if (trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal) && _openApi.GroupVersion(trimmed["/openapi/v3/".Length..]) is { } openApi)
        {
            await ResponseWriter.WriteBytesAsync(context, 200, openApi);
            return;
        }

        if (_discovery.Legacy(trimmed) is { } legacy)
        {
            await ResponseWriter.WriteBytesAsync(context, 200, legacy);
            return;
        }

        throw KubeStatus.RouteNotFound().ToException();
    }

    private static async Task TryWriteStatusAsync(HttpContext context, KubeStatus status)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        await ResponseWriter.WriteStatusAsync(context, status);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token rejected for cluster {ClusterId}: {Reason}")]
    private static partial void LogAuthenticationFailed(ILogger logger, string clusterId, string reason);
}
