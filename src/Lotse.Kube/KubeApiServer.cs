using Lotse.Kube.Audit;
using Lotse.Kube.Auth;
using Lotse.Kube.Authentication;
using Lotse.Kube.Discovery;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Registry;
using Lotse.Kube.Requests;
using Lotse.Kube.Serialization;
using Lotse.Kube.ServiceAccounts;
using Lotse.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotse.Kube;

/// <summary>
/// The Kubernetes front door: serves every hosted cluster under <c>/clusters/{id}/…</c>. Routing → (health,
/// version without auth) → bearer-token authentication (no token: <c>system:anonymous</c>) → request info →
/// impersonation → authorization → discovery, the generic registry, or a resource's own handler (reviews,
/// <c>serviceaccounts/token</c>). Every failure leaves as a <c>Status</c> object.
/// </summary>
public sealed partial class KubeApiServer
{
    private const string ClustersPrefix = "/clusters/";

    private readonly KubePrivateListener? _privateListener;
    private readonly IKubeClusterDirectory _clusters;
    private readonly KubeAuthentication _authentication;
    private readonly IKubeAuthorizer _authorizer;
    private readonly KubeApiServices _services;
    private readonly IKubeAuditSink[] _auditSinks;
    private readonly TimeProvider _time;
    private readonly ILogger<KubeApiServer> _logger;
    private readonly KubeObjectStore _objects;
    private readonly CustomResources.ServedResourceCache _served;

    public KubeApiServer(IStore store, IKubeClusterDirectory clusters, IEnumerable<IKubeTokenAuthenticator> authenticators, TimeProvider time, ILogger<KubeApiServer> logger)
        : this(store, clusters, authenticators, [new MastersOnlyAuthorizer()], [], time, logger)
    {
    }

    /// <param name="authorizers">Asked in order; the first that allows decides (kube-apiserver's union authorizer).</param>
    /// <param name="auditSinks">Receive one event per finished request.</param>
    /// <param name="ruleResolvers">List a user's rules for SelfSubjectRulesReview (RBAC); none before RBAC.</param>
    /// <param name="serviceAccountKeys">Each cluster's service-account signing key (TokenRequest, legacy token secrets); null: no tokens.</param>
    public KubeApiServer(
        IStore store,
        IKubeClusterDirectory clusters,
        IEnumerable<IKubeTokenAuthenticator> authenticators,
        IEnumerable<IKubeAuthorizer> authorizers,
        IEnumerable<IKubeAuditSink> auditSinks,
        TimeProvider time,
        ILogger<KubeApiServer> logger,
        IEnumerable<IKubeRuleResolver>? ruleResolvers = null,
        IServiceAccountKeyProvider? serviceAccountKeys = null,
        KubePrivateListener? privateListener = null)
    {
        _privateListener = privateListener;
        _clusters = clusters;
        _authentication = new KubeAuthentication(authenticators);
        var authorizerList = authorizers.ToList();
        _authorizer = new KubeAuthorizerChain(authorizerList.Count > 0 ? authorizerList : [new MastersOnlyAuthorizer()]);
        _auditSinks = auditSinks.ToArray();
        _time = time;
        _logger = logger;
        // RBAC's escalate/bind checks in the write path ask the whole chain, as kube-apiserver's policy-based storage does.
        _objects = new KubeObjectStore(store, time) { Authorizer = _authorizer };
        Registry = KubeResourceRegistry.CreateDefault();
        _services = new KubeApiServices(_authentication, _authorizer, ruleResolvers?.ToList() ?? [], serviceAccountKeys);
        if (serviceAccountKeys is not null && Registry.Find("", "v1", "secrets")?.Strategy is Registry.Strategies.SecretStrategy secrets)
        {
            secrets.TokenController = new LegacyTokenController(serviceAccountKeys);
        }

        _served = new CustomResources.ServedResourceCache(Registry, store);
    }

    /// <summary>The built-in kinds this server serves; each cluster adds the resources of its CRDs.</summary>
    public KubeResourceRegistry Registry { get; }

    public async Task HandleAsync(HttpContext context)
    {
        var audit = new AuditState(_time.GetUtcNow());
        try
        {
            await DispatchAsync(context, audit);
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
        finally
        {
            RecordAudit(context, audit);
        }
    }

    /// <summary>What the request path learned for the audit event; filled as the request goes through the pipeline.</summary>
    private sealed class AuditState(DateTimeOffset received)
    {
        public DateTimeOffset Received { get; } = received;

        public KubeCluster? Cluster { get; set; }

        public KubeUser? User { get; set; }

        public KubeUser? ImpersonatedUser { get; set; }

        public KubeRequestInfo? Request { get; set; }

        public string Decision { get; set; } = "";

        public string Reason { get; set; } = "";
    }

    private void RecordAudit(HttpContext context, AuditState audit)
    {
        if (_auditSinks.Length == 0 || audit.Cluster is not { } cluster)
        {
            return;
        }

        var request = context.Request;
        var auditEvent = new KubeAuditEvent(
            context.TraceIdentifier,
            cluster,
            audit.Received,
            _time.GetUtcNow(),
            request.Method,
            request.Path.Value + request.QueryString.Value,
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            request.Headers.UserAgent.ToString(),
            audit.User,
            audit.ImpersonatedUser,
            audit.Request,
            audit.Decision,
            audit.Reason,
            context.Response.StatusCode);
        foreach (var sink in _auditSinks)
        {
            sink.Record(auditEvent);
        }
    }

    private async Task DispatchAsync(HttpContext context, AuditState audit)
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
        var viaPrivate = _privateListener?.Received(context.Connection.LocalIpAddress) ?? false;
        if (!cluster.Access.Allows(context.Connection.RemoteIpAddress, viaPrivate))
        {
            // An EKS endpoint closed to this client does not answer at all; one listener serves every cluster here, so the next best
            // is to drop the connection without a response: kubectl then reports a connection error, never an authorization error.
            context.Abort();
            return;
        }

        audit.Cluster = cluster;

        if (await TryServePublicAsync(context, cluster, path))
        {
            return;
        }

        var user = await AuthenticateAsync(context, cluster);
        audit.User = user;
        var info = KubeRequestInfoParser.Parse(context.Request.Method, path, context.Request.Query["watch"] is var w && (w == "true" || w == "1"));
        audit.Request = info;
        ImpersonationOutcome impersonation;
        try
        {
            impersonation = await ImpersonationFilter.ApplyAsync(context.Request.Headers, cluster, user, _authorizer, context.RequestAborted);
        }
        catch (KubeStatusException e) when (e.Status.Code == 403)
        {
            audit.Decision = "forbid";
            audit.Reason = e.Status.Message;
            throw;
        }

        if (impersonation.InternalError is { } impersonationError)
        {
            var text = ImpersonationFilter.InternalErrorText(context.Request.Path.Value + context.Request.QueryString.Value, impersonationError);
            await ResponseWriter.WriteBytesAsync(context, 500, System.Text.Encoding.UTF8.GetBytes(text + "\n"), "text/plain; charset=utf-8");
            return;
        }

        if (impersonation.User is { } impersonated)
        {
            // Everything after the filter (authorization, handlers, the audit's impersonatedUser) sees the impersonated user.
            user = impersonated;
            audit.ImpersonatedUser = impersonated;
        }

        var decision = await _authorizer.AuthorizeAsync(cluster, user, info, context.RequestAborted);
        audit.Decision = decision.Allowed ? "allow" : "forbid";
        audit.Reason = decision.Reason;
        if (!decision.Allowed)
        {
            throw ForbiddenMessage.For(user, info, decision.Reason).ToException();
        }

        if (!info.IsResourceRequest)
        {
            await ServeDiscoveryAsync(context, cluster, path);
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

    /// <summary>
    /// A bearer token must be accepted by an authenticator (else 401); a request without one is <c>system:anonymous</c>
    /// (EKS runs with anonymous auth on) and is authorized like anyone else.
    /// </summary>
    private async ValueTask<KubeUser> AuthenticateAsync(HttpContext context, KubeCluster cluster)
    {
        var header = context.Request.Headers.Authorization.ToString().Trim();
        var parts = header.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
        {
            return KubeUser.Anonymous;
        }

        var outcome = await _authentication.AuthenticateAsync(cluster, parts[1], KubeAuthentication.ApiAudiences, context.RequestAborted);
        if (outcome.User is { } user)
        {
            return user;
        }

        LogAuthenticationFailed(_logger, cluster.Id, outcome.Error ?? "");
        throw KubeStatus.Unauthorized().ToException();
    }

    private async Task ServeResourceAsync(HttpContext context, KubeCluster cluster, KubeUser user, KubeRequestInfo info)
    {
        // Built-in resources need no look at the cluster's CRDs; anything else is looked up in the cluster's served view.
        var resource = Registry.Find(info.ApiGroup, info.ApiVersion, info.Resource)
            ?? (await _served.ForClusterAsync(cluster, context.RequestAborted)).Registry.Find(info.ApiGroup, info.ApiVersion, info.Resource);
        if (resource is null || (!resource.Namespaced && info.Namespace.Length > 0 && info.Resource != "namespaces"))
        {
            throw KubeStatus.RouteNotFound().ToException();
        }

        var subresource = info.Subresource.Length == 0 ? null : resource.FindSubresource(info.Subresource);
        if ((info.Subresource.Length > 0 && subresource is null) || info.Parts.Count > 0
            || (resource.Handler is not null && resource.Namespaced && info.Namespace.Length == 0))
        {
            throw KubeStatus.RouteNotFound().ToException();
        }

        // For the namespaces resource the request info sets Namespace to the object's name; the scope is cluster-wide.
        var scope = new KubeScope(cluster, resource, resource.Namespaced ? info.Namespace : "");
        var format = ResponseFormat.Negotiate(context.Request.Headers.Accept.ToString())
            ?? throw KubeStatus.NotAcceptable("only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io").ToException();
        var request = new KubeRequestContext(context, info, scope, user, _objects, format) { Services = _services };

        // Subresources and never-stored resources have one handler each; their routes exist only for the verbs they list.
        if ((subresource?.Handler ?? resource.Handler) is { } own)
        {
            var verbs = subresource?.Verbs ?? resource.Verbs;
            if (!verbs.Contains(info.Verb) || (info.Verb == "create" && subresource is null && info.Name.Length > 0))
            {
                throw new KubeStatus(405, "MethodNotAllowed", "the server does not allow this method on the requested resource").ToException();
            }

            await own.HandleAsync(request);
            return;
        }

        if (info.Subresource.Length > 0 || !resource.Supports(info.Verb))
        {
            throw KubeStatus.MethodNotSupported(resource.GroupResource, info.Verb).ToException();
        }

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

    private async Task ServeDiscoveryAsync(HttpContext context, KubeCluster cluster, string path)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            throw new KubeStatus(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource").ToException();
        }

        var trimmed = path.TrimEnd('/');
        var served = await _served.ForClusterAsync(cluster, context.RequestAborted);
        var accept = context.Request.Headers.Accept.ToString();
        context.Response.Headers.Vary = "Accept";
        if ((trimmed is "/api" or "/apis") && DiscoveryDocuments.WantsAggregated(accept))
        {
            var document = trimmed == "/api" ? served.Discovery.AggregatedCore : served.Discovery.AggregatedGroups;
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

        if (trimmed == "/openapi/v2")
        {
            var protobuf = accept.Contains("protobuf", StringComparison.OrdinalIgnoreCase);
            await ResponseWriter.WriteBytesAsync(context, 200, protobuf ? OpenApiDocuments.V2Protobuf : OpenApiDocuments.V2Json,
                protobuf ? OpenApiDocuments.V2ProtobufContentType : ResponseWriter.JsonContentType);
            return;
        }

        if (trimmed == "/openapi/v3")
        {
            await ResponseWriter.WriteBytesAsync(context, 200, served.OpenApi.Index);
            return;
        }

        if (trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal) && served.OpenApi.GroupVersion(trimmed["/openapi/v3/".Length..]) is { } openApi)
        {
            await ResponseWriter.WriteBytesAsync(context, 200, openApi);
            return;
        }

        if (served.Discovery.Legacy(trimmed) is { } legacy)
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
