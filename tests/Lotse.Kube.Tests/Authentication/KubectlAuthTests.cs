using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Authentication;

/// <summary>kubectl's auth commands (can-i, whoami, --as) and service-account tokens (create token, --token) against the in-test server.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlAuthTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task AuthCanI_Admin_YesAndList()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("auth", "can-i", "create", "configmaps");
        exit.ShouldBe(0, stderr + string.Join("\n", server.Log.Entries));
        stdout.Trim().ShouldBe("yes");

        var all = await kubectl.RunAsync("auth", "can-i", "delete", "secrets", "--all-namespaces");
        all.ExitCode.ShouldBe(0, all.Stderr);
        all.Stdout.Trim().ShouldBe("yes");

        var list = await kubectl.RunAsync("auth", "can-i", "--list");
        list.ExitCode.ShouldBe(0, list.Stderr);
        list.Stdout.ShouldMatch(@"Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs");
    }

    [KubectlFact]
    public async Task AuthWhoami_Admin_TableAndJson()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("auth", "whoami");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"ATTRIBUTE\s+VALUE");
        stdout.ShouldMatch(@"Username\s+admin");
        stdout.ShouldMatch(@"Groups\s+\[system:masters system:authenticated\]");

        var json = await kubectl.RunAsync("auth", "whoami", "-o", "json");
        json.ExitCode.ShouldBe(0, json.Stderr);
        var review = JsonNode.Parse(json.Stdout)!;
        review["kind"]!.GetValue<string>().ShouldBe("SelfSubjectReview");
        review["apiVersion"]!.GetValue<string>().ShouldBe("authentication.k8s.io/v1");
        review["status"]!["userInfo"]!["uid"]!.GetValue<string>().ShouldBe("admin-uid");
    }

    [KubectlFact]
    public async Task AuthWhoami_AsUserAndGroup_ShowsImpersonatedUser()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("auth", "whoami", "--as", "bob", "--as-group", "system:masters", "--as-group", "devs");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"Username\s+bob");
        stdout.ShouldMatch(@"Groups\s+\[system:masters devs system:authenticated\]");

        var canI = await kubectl.RunAsync("auth", "can-i", "get", "secrets", "--as", "bob", "--as-group", "system:masters");
        canI.Stdout.Trim().ShouldBe("yes");

        using var viewer = new Kubectl(server, TestAuthenticator.ViewerToken);
        var refused = await viewer.RunAsync("get", "--raw", $"/clusters/{server.Cluster.Id}/api/v1/namespaces/default/configmaps", "--as", "admin");
        refused.ExitCode.ShouldNotBe(0);
        refused.Stderr.ShouldContain("users \"admin\" is forbidden: User \"viewer\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", Case.Sensitive, refused.Stderr);
    }

    [KubectlFact]
    public async Task CreateToken_UsedWithToken_AuthenticatesAsServiceAccount()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("token");
        (await kubectl.RunAsync("-n", ns, "create", "serviceaccount", "ci")).ExitCode.ShouldBe(0);
        var (exit, stdout, stderr) = await kubectl.RunAsync("-n", ns, "create", "token", "ci", "--duration", "20m");
        exit.ShouldBe(0, stderr + string.Join("\n", server.Log.Entries));
        var token = stdout.Trim();
        token.Split('.').Length.ShouldBe(3);

        // The token names the account: whatever authorization decides, the server knew who asked (never a 401).
        var asAccount = await kubectl.RunAsync("--token", token, "get", "--raw", $"/clusters/{server.Cluster.Id}/api/v1/namespaces/{ns}/configmaps");
        (asAccount.Stdout + asAccount.Stderr).ShouldNotContain("Unauthorized");
        if (asAccount.ExitCode != 0)
        {
            asAccount.Stderr.ShouldContain($"User \"system:serviceaccount:{ns}:ci\" cannot list resource \"configmaps\"", Case.Sensitive, asAccount.Stderr);
        }

        var whoami = await kubectl.RunAsync("--token", token, "auth", "whoami");
        (whoami.Stdout + whoami.Stderr).ShouldContain($"system:serviceaccount:{ns}:ci");

        var rejected = await kubectl.RunAsync("--token", token[..^4] + "AAAA", "get", "--raw", $"/clusters/{server.Cluster.Id}/api/v1/namespaces/{ns}/configmaps");
        rejected.ExitCode.ShouldNotBe(0);
        rejected.Stderr.ShouldContain("Unauthorized");

        var tooShort = await kubectl.RunAsync("-n", ns, "create", "token", "ci", "--duration", "1m");
        tooShort.ExitCode.ShouldNotBe(0);
        tooShort.Stderr.ShouldContain("may not specify a duration less than 10 minutes");
    }

    [KubectlFact]
    public async Task CreateFile_SubjectAccessReview_AnswersWithStatus()
    {
        using var kubectl = new Kubectl(server);
        var file = Path.Combine(Path.GetTempPath(), $"sar-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: authorization.k8s.io/v1
            kind: SubjectAccessReview
            spec:
              user: someone
              groups: ["system:masters"]
              resourceAttributes:
                namespace: default
                verb: delete
                resource: secrets
            """);
        try
        {
            var (exit, stdout, stderr) = await kubectl.RunAsync("create", "-f", file, "-o", "jsonpath={.status.allowed}");
            exit.ShouldBe(0, stderr);
            stdout.ShouldBe("true");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [KubectlFact]
    public async Task ApiResources_Reviews_Listed()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("api-resources");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"selfsubjectaccessreviews\s+authorization\.k8s\.io/v1\s+false\s+SelfSubjectAccessReview");
        stdout.ShouldMatch(@"localsubjectaccessreviews\s+authorization\.k8s\.io/v1\s+true\s+LocalSubjectAccessReview");
        stdout.ShouldMatch(@"selfsubjectreviews\s+authentication\.k8s\.io/v1\s+false\s+SelfSubjectReview");
        stdout.ShouldMatch(@"tokenreviews\s+authentication\.k8s\.io/v1\s+false\s+TokenReview");
    }
}
