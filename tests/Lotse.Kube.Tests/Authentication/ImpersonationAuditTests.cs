using Lotse.Kube.Audit;
using Lotse.Kube.Auth;
using Lotse.Kube.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Lotse.Kube.Tests.Authentication;

/// <summary>The audit event of an impersonated request names both users; anonymous requests are audited as system:anonymous.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class ImpersonationAuditTests(KubeServerFixture server)
{
    [Fact]
    public async Task Audit_Impersonated_RecordsRequestorAndImpersonatedUser()
    {
        var sink = new RecordingSink();
        var kube = new KubeApiServer(server.Store, server.Clusters, [new TestAuthenticator()], [new MastersOnlyAuthorizer()], [sink], TimeProvider.System, new RecordingLogger<KubeApiServer>());
        var context = Request($"/clusters/{server.Cluster.Id}/api/v1/namespaces/default/configmaps", TestAuthenticator.AdminToken);
        context.Request.Headers["Impersonate-User"] = "bob";
        context.Request.Headers["Impersonate-Group"] = "system:masters";
        await kube.HandleAsync(context);

        context.Response.StatusCode.ShouldBe(200);
        var recorded = sink.Events.Single();
        recorded.User!.Name.ShouldBe("admin");
        recorded.ImpersonatedUser!.Name.ShouldBe("bob");
        recorded.ImpersonatedUser.Groups.ShouldBe(["system:masters", "system:authenticated"]);
        recorded.Decision.ShouldBe("allow");
    }

    [Fact]
    public async Task Audit_ImpersonationRefused_ForbidWithoutImpersonatedUser()
    {
        var sink = new RecordingSink();
        var kube = new KubeApiServer(server.Store, server.Clusters, [new TestAuthenticator()], [new MastersOnlyAuthorizer()], [sink], TimeProvider.System, new RecordingLogger<KubeApiServer>());
        var context = Request($"/clusters/{server.Cluster.Id}/api/v1/namespaces", TestAuthenticator.ViewerToken);
        context.Request.Headers["Impersonate-User"] = "admin";
        await kube.HandleAsync(context);

        context.Response.StatusCode.ShouldBe(403);
        var recorded = sink.Events.Single();
        (recorded.User!.Name, recorded.ImpersonatedUser, recorded.Decision, recorded.Code).ShouldBe(("viewer", (KubeUser?)null, "forbid", 403));

        var anonymous = Request($"/clusters/{server.Cluster.Id}/api/v1/namespaces", token: null);
        await kube.HandleAsync(anonymous);
        sink.Events.Last().User!.Name.ShouldBe("system:anonymous");
    }

    private static DefaultHttpContext Request(string path, string? token)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private sealed class RecordingSink : IKubeAuditSink
    {
        public List<KubeAuditEvent> Events { get; } = [];

        public void Record(KubeAuditEvent auditEvent) => Events.Add(auditEvent);
    }
}
