using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>
/// The control-plane <c>audit</c> and <c>authenticator</c> logs: turned on with <c>--logging</c>, filled by kubectl
/// requests (allowed, forbidden and unauthenticated), read back with the real <c>aws logs</c> commands.
/// </summary>
public sealed class ControlPlaneLogTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string AuditAndAuthenticator = """{"clusterLogging":[{"types":["audit","authenticator"],"enabled":true}]}""";

    private LotseServer Server => fixture.Server;

    private async Task<string> CreateClusterAsync(string name, params string[] extra)
    {
        (await Server.AwsAsync(["eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}", .. extra])).ShouldSucceed();
        (await Server.AwsAsync("eks", "wait", "cluster-active", "--name", name)).ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, name + ".kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", name, "--kubeconfig", kubeconfig)).ShouldSucceed();
        return kubeconfig;
    }

    private async Task<List<JsonElement>> FilterAsync(string cluster, params string[] extra)
    {
        var result = (await Server.AwsAsync(["logs", "filter-log-events", "--log-group-name", $"/aws/eks/{cluster}/cluster", "--output", "json", .. extra])).ShouldSucceed();
        using var json = JsonDocument.Parse(result.StdOut);
        return json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static JsonElement Message(JsonElement logEvent) => JsonDocument.Parse(logEvent.GetProperty("message").GetString()!).RootElement.Clone();

    [CliFact]
    public async Task KubectlFlow_AuditAndAuthenticatorEvents_ReadBackWithAwsLogs()
    {
        var kubeconfig = await CreateClusterAsync("logged", "--logging", AuditAndAuthenticator,
            "--access-config", "authenticationMode=API_AND_CONFIG_MAP");
        var started = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();

        // Allowed requests of the creator, one with a token we know (to prove no token reaches the logs).
        (await Server.KubectlAsync(kubeconfig, "create", "configmap", "audited", "--from-literal=color=blue")).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "get", "configmap", "audited")).ShouldSucceed();
        var token = JsonDocument.Parse((await Server.AwsAsync("eks", "get-token", "--cluster-name", "logged")).ShouldSucceed().StdOut)
            .RootElement.GetProperty("status").GetProperty("token").GetString()!;
        (await Server.KubectlAsync(kubeconfig, "--token", token, "delete", "configmap", "audited")).ShouldSucceed();

        // A second identity: unmapped first (401), then mapped by an access entry without policies (403).
        var user = "auditee-" + Guid.NewGuid().ToString("N")[..6];
        (await Server.AwsAsync("iam", "create-user", "--user-name", user)).ShouldSucceed();
        var key = JsonDocument.Parse((await Server.AwsAsync("iam", "create-access-key", "--user-name", user)).ShouldSucceed().StdOut).RootElement.GetProperty("AccessKey");
        var secret = key.GetProperty("SecretAccessKey").GetString()!;
        var asUser = new Dictionary<string, string>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["AWS_ACCESS_KEY_ID"] = key.GetProperty("AccessKeyId").GetString()!,
            ["AWS_SECRET_ACCESS_KEY"] = secret,
        };
        (await Tool.RunAsync("kubectl", ["get", "ns"], Server.UserEnvironment(asUser))).ShouldFail();
        var userArn = JsonDocument.Parse((await Server.AwsAsync("iam", "get-user", "--user-name", user)).ShouldSucceed().StdOut)
            .RootElement.GetProperty("User").GetProperty("Arn").GetString()!;
        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "logged", "--principal-arn", userArn)).ShouldSucceed();
        (await Tool.RunAsync("kubectl", ["get", "secrets", "-n", "kube-system"], Server.UserEnvironment(asUser))).ShouldFail()
            .StdErr.ShouldContain("Forbidden");

        // The log group and its two streams, named as EKS names them.
        var groups = (await Server.AwsAsync("logs", "describe-log-groups", "--log-group-name-prefix", "/aws/eks/logged/", "--output", "json")).ShouldSucceed().StdOut;
        groups.ShouldContain("\"logGroupName\": \"/aws/eks/logged/cluster\"");
        var streams = (await Server.AwsAsync("logs", "describe-log-streams", "--log-group-name", "/aws/eks/logged/cluster", "--output", "json")).ShouldSucceed().StdOut;
        streams.ShouldMatch("\"logStreamName\": \"kube-apiserver-audit-[0-9a-f]{32}\"");
        streams.ShouldMatch("\"logStreamName\": \"authenticator-[0-9a-f]{32}\"");

        // The create: who, what, the decision and the outcome.
        var creates = await FilterAsync("logged", "--filter-pattern", """{ $.verb = "create" && $.objectRef.resource = "configmaps" }""",
            "--start-time", started.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var create = Message(creates.ShouldHaveSingleItem());
        create.GetProperty("kind").GetString().ShouldBe("Event");
        create.GetProperty("apiVersion").GetString().ShouldBe("audit.k8s.io/v1");
        create.GetProperty("stage").GetString().ShouldBe("ResponseComplete");
        create.GetProperty("objectRef").GetProperty("namespace").GetString().ShouldBe("default");
        create.GetProperty("responseStatus").GetProperty("code").GetInt32().ShouldBe(201);
        create.GetProperty("annotations").GetProperty("authorization.k8s.io/decision").GetString().ShouldBe("allow");
        create.GetProperty("user").GetProperty("groups").EnumerateArray().Select(g => g.GetString()).ShouldContain("system:authenticated");
        create.GetProperty("requestURI").GetString()!.ShouldStartWith("/api/v1/namespaces/default/configmaps");
        create.GetProperty("userAgent").GetString()!.ShouldStartWith("kubectl");

        // The forbidden request of the second identity.
        var forbidden = (await FilterAsync("logged", "--filter-pattern", """{ $.annotations["authorization.k8s.io/decision"] = "forbid" && $.objectRef.resource = "secrets" }"""))
            .Select(Message).ToList();
        var refused = forbidden.ShouldHaveSingleItem();
        refused.GetProperty("verb").GetString().ShouldBe("list");
        refused.GetProperty("objectRef").GetProperty("resource").GetString().ShouldBe("secrets");
        refused.GetProperty("responseStatus").GetProperty("code").GetInt32().ShouldBe(403);
        refused.GetProperty("user").GetProperty("extra").GetProperty("arn")[0].GetString().ShouldBe(userArn);

        // The authenticator's decisions: granted for the creator, denied (unmapped) then granted for the second identity.
        var authenticator = (await FilterAsync("logged", "--log-stream-name-prefix", "authenticator-")).Select(e => e.GetProperty("message").GetString()!).ToList();
        authenticator.ShouldContain(m => m.Contains("msg=\"access granted\"") && m.Contains($"arn=\"{userArn}\""));
        authenticator.ShouldContain(m => m.Contains("level=warning msg=\"access denied\"") && m.Contains($"arn=\"{userArn}\""));
        (await FilterAsync("logged", "--filter-pattern", "\"access granted\"", "--log-stream-name-prefix", "authenticator-")).ShouldNotBeEmpty();

        // No token, secret or key in anything logged.
        var everything = string.Join('\n', (await FilterAsync("logged")).Select(e => e.GetProperty("message").GetString()));
        everything.ShouldNotContain(token);
        everything.ShouldNotContain("k8s-aws-v1.");
        everything.ShouldNotContain(secret);
        everything.ShouldNotContain(key.GetProperty("AccessKeyId").GetString()!);
        everything.ShouldNotContain("Bearer");
    }

    [CliFact]
    public async Task ClusterWithoutLogging_HasNoLogGroup()
    {
        var kubeconfig = await CreateClusterAsync("unlogged");
        (await Server.KubectlAsync(kubeconfig, "get", "ns")).ShouldSucceed();

        var groups = (await Server.AwsAsync("logs", "describe-log-groups", "--log-group-name-prefix", "/aws/eks/unlogged/", "--output", "json")).ShouldSucceed();
        JsonDocument.Parse(groups.StdOut).RootElement.GetProperty("logGroups").GetArrayLength().ShouldBe(0);
        var missing = (await Server.AwsAsync("logs", "filter-log-events", "--log-group-name", "/aws/eks/unlogged/cluster")).ShouldFail();
        missing.StdErr.ShouldContain("An error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation: The specified log group does not exist.");
    }

    [CliFact]
    public async Task UpdateClusterConfig_AuditOnlyThenOff_KeepsOnlyWhileEnabled()
    {
        var kubeconfig = await CreateClusterAsync("toggled");
        var update = (await Server.AwsAsync("eks", "update-cluster-config", "--name", "toggled", "--logging",
            """{"clusterLogging":[{"types":["audit"],"enabled":true}]}""")).ShouldSucceed();
        update.StdOut.ShouldContain("LoggingUpdate");
        (await Server.AwsAsync("eks", "wait", "cluster-active", "--name", "toggled")).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "kube-system")).ShouldSucceed();

        var audit = await FilterAsync("toggled", "--filter-pattern", """{ $.objectRef.namespace = "kube-system" && $.verb = "list" }""");
        audit.ShouldNotBeEmpty();
        (await FilterAsync("toggled", "--log-stream-name-prefix", "authenticator-")).ShouldBeEmpty();

        // The settings reach the logs through a store watch; kubectl's start and its get-token call take far longer.
        (await Server.AwsAsync("eks", "update-cluster-config", "--name", "toggled", "--logging",
            """{"clusterLogging":[{"types":["audit"],"enabled":false}]}""")).ShouldSucceed();
        (await Server.AwsAsync("eks", "wait", "cluster-active", "--name", "toggled")).ShouldSucceed();
        var before = (await FilterAsync("toggled")).Count;
        (await Server.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "kube-system")).ShouldSucceed();

        (await FilterAsync("toggled")).Count.ShouldBe(before);
    }
}
