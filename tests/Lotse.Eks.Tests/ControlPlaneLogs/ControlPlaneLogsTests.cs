using System.Text.Json;
using Lotse.Eks.Clusters;
using Lotse.Eks.ControlPlaneLogs;
using Lotse.Kube;
using Lotse.Kube.Audit;
using Lotse.Kube.Requests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests.ControlPlaneLogs;

public sealed class ControlPlaneLogsTests
{
    private const string Account = "123456789012";
    private const string ClusterId = "0123456789ABCDEF0123456789ABCDEF";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly KubeCluster Kube = new(ClusterId, "demo", "10.100.0.0/16", "1.31");

    // Apply and Record never touch the store (only the directory's start and watch would).
    private static Lotse.Eks.ControlPlaneLogs.ControlPlaneLogs NewLogs(int eventsPerStream = 16) =>
        new(new EksClusterDirectory(new EksClusterStore(null!), NullLogger<EksClusterDirectory>.Instance), TimeProvider.System, eventsPerStream);

    private static EksClusterRecord Record(params (string[] Types, bool Enabled)[] logging)
    {
        var cluster = TestData.Cluster();
        cluster.Logging = new Logging();
        foreach (var (types, enabled) in logging)
        {
            cluster.Logging.ClusterLogging.Add(new LogSetup { Types = [.. types], Enabled = enabled });
        }

        return new EksClusterRecord { Cluster = cluster, Id = ClusterId, AccountId = Account, Region = "eu-central-1", CreatorArn = "arn:aws:iam::123456789012:user/admin", ServiceAccountSigningKeyPem = "" };
    }

    private static KubeAuditEvent Audit(string verb = "get", int code = 200) => new(
        "audit-1", Kube, Now, Now.AddMilliseconds(3), "GET", $"/clusters/{ClusterId}/api/v1/namespaces/default/configmaps/app?timeout=5s", "10.0.0.7", "kubectl/v1.32.4",
        new KubeUser("alice", "aws-iam-authenticator:123456789012:AIDAEXAMPLE", ["dev", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>
        {
            ["arn"] = ["arn:aws:iam::123456789012:user/alice"],
            ["accessKeyId"] = ["AKIAEXAMPLEKEY000000"],
        }),
        null,
        new KubeRequestInfo { IsResourceRequest = true, Path = "/api/v1/namespaces/default/configmaps/app", Verb = verb, ApiPrefix = "api", ApiVersion = "v1", Namespace = "default", Resource = "configmaps", Name = "app" },
        code == 403 ? "forbid" : "allow", code == 403 ? "" : "RBAC: allowed by ClusterRoleBinding \"dev\"", code);

    private static EksAuthenticatorEvent Granted() =>
        new(ClusterId, "demo", Now, "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice", "AKIAEXAMPLEKEY000000", "alice", ["dev", "system:authenticated"], "");

    [Fact]
    public void Record_OnlyEnabledTypesKept_InTheClustersGroup()
    {
        var logs = NewLogs();
        logs.Apply(Record((["api", "audit"], true), (["authenticator"], false)));

        logs.Record(Audit());
        logs.Record(Granted());

        var group = logs.LogGroups(Account, "eu-central-1").ShouldHaveSingleItem();
        group.Name.ShouldBe("/aws/eks/demo/cluster");
        var stream = group.Streams.ShouldHaveSingleItem();
        stream.Name.ShouldBe("kube-apiserver-audit-0123456789abcdef0123456789abcdef");
        stream.Events.Snapshot().ShouldHaveSingleItem().Timestamp.ShouldBe(Now.AddMilliseconds(3).ToUnixTimeMilliseconds());
        logs.LogGroups(Account, "us-east-1").ShouldBeEmpty();
    }

    [Fact]
    public void Apply_NoTypeEnabled_NoLogGroup()
    {
        var logs = NewLogs();
        logs.Apply(Record((["api", "audit", "authenticator"], false)));

        logs.Record(Audit());

        logs.LogGroups(Account, "eu-central-1").ShouldBeEmpty();
    }

    [Fact]
    public void Apply_TypeTurnedOff_StopsRecordingKeepsEarlierEvents()
    {
        var logs = NewLogs();
        logs.Apply(Record((["audit", "authenticator"], true)));
        logs.Record(Audit());
        logs.Record(Granted());

        logs.Apply(Record((["authenticator"], true), (["audit"], false)));
        logs.Record(Audit());
        logs.Record(Granted());

        var streams = logs.LogGroups(Account, "eu-central-1").Single().Streams;
        streams.Single(s => s.Name.StartsWith("kube-apiserver-audit-", StringComparison.Ordinal)).Events.Appended.ShouldBe(1);
        streams.Single(s => s.Name.StartsWith("authenticator-", StringComparison.Ordinal)).Events.Appended.ShouldBe(2);
    }

    [Fact]
    public void Record_BeyondRingSize_KeepsLatestOnly()
    {
        var logs = NewLogs(eventsPerStream: 3);
        logs.Apply(Record((["audit"], true)));

        for (var i = 0; i < 5; i++)
        {
            logs.Record(Audit());
        }

        logs.LogGroups(Account, "eu-central-1").Single().Streams.Single().Events.Snapshot().Select(e => e.Sequence).ShouldBe([2L, 3L, 4L]);
    }

    [Fact]
    public void Remove_ClusterDeleted_GroupGone()
    {
        var logs = NewLogs();
        logs.Apply(Record((["audit"], true)));

        logs.Remove(ClusterId);

        logs.LogGroups(Account, "eu-central-1").ShouldBeEmpty();
    }

    [Fact]
    public void AuditEventFormatter_MetadataEvent_WithoutPrefixOrKeyMaterial()
    {
        var message = AuditEventFormatter.Format(Audit());

        using var json = JsonDocument.Parse(message);
        var root = json.RootElement;
        root.GetProperty("kind").GetString().ShouldBe("Event");
        root.GetProperty("apiVersion").GetString().ShouldBe("audit.k8s.io/v1");
        root.GetProperty("level").GetString().ShouldBe("Metadata");
        root.GetProperty("stage").GetString().ShouldBe("ResponseComplete");
        root.GetProperty("requestURI").GetString().ShouldBe("/api/v1/namespaces/default/configmaps/app?timeout=5s");
        root.GetProperty("verb").GetString().ShouldBe("get");
        root.GetProperty("user").GetProperty("username").GetString().ShouldBe("alice");
        root.GetProperty("user").GetProperty("extra").TryGetProperty("accessKeyId", out _).ShouldBeFalse();
        root.GetProperty("sourceIPs")[0].GetString().ShouldBe("10.0.0.7");
        root.GetProperty("objectRef").GetProperty("resource").GetString().ShouldBe("configmaps");
        root.GetProperty("objectRef").GetProperty("name").GetString().ShouldBe("app");
        root.GetProperty("objectRef").TryGetProperty("apiGroup", out _).ShouldBeFalse();
        root.GetProperty("responseStatus").GetProperty("code").GetInt32().ShouldBe(200);
        root.GetProperty("requestReceivedTimestamp").GetString().ShouldBe("2026-12-03T12:00:00.000000Z");
        root.GetProperty("stageTimestamp").GetString().ShouldBe("2026-12-03T12:00:00.003000Z");
        root.GetProperty("annotations").GetProperty("authorization.k8s.io/reason").GetString().ShouldBe("RBAC: allowed by ClusterRoleBinding \"dev\"");
        message.ShouldNotContain("AKIA");
        message.ShouldNotContain("/clusters/");
    }

    [Fact]
    public void AuditEventFormatter_Unauthenticated_EmptyUserNoAnnotations()
    {
        var message = AuditEventFormatter.Format(new KubeAuditEvent("a", Kube, Now, Now, "GET", $"/clusters/{ClusterId}/api", "10.0.0.7", "", null, null, null, "", "", 401));

        using var json = JsonDocument.Parse(message);
        json.RootElement.GetProperty("user").EnumerateObject().ShouldBeEmpty();
        json.RootElement.GetProperty("verb").GetString().ShouldBe("get");
        json.RootElement.GetProperty("responseStatus").GetProperty("status").GetString().ShouldBe("Failure");
        json.RootElement.TryGetProperty("annotations", out _).ShouldBeFalse();
    }

    [Fact]
    public void AuthenticatorLogFormatter_GrantedAndDenied_LogrusLines()
    {
        AuthenticatorLogFormatter.Format(Granted()).ShouldBe(
            "time=\"2026-12-03T12:00:00Z\" level=info msg=\"access granted\" arn=\"arn:aws:iam::123456789012:user/alice\" client=127.0.0.1 "
            + "groups=\"[dev system:authenticated]\" method=POST path=/authenticate username=alice");

        var denied = new EksAuthenticatorEvent(ClusterId, "demo", Now, "arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/bob", "AKIAEXAMPLEKEY000000", "", [], "ARN is not mapped");
        AuthenticatorLogFormatter.Format(denied).ShouldBe(
            "time=\"2026-12-03T12:00:00Z\" level=warning msg=\"access denied\" arn=\"arn:aws:iam::123456789012:user/bob\" client=127.0.0.1 error=\"ARN is not mapped\" method=POST path=/authenticate");
    }
}
