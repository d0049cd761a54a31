using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>The real kubectl against the in-test server: the four <c>create</c> generators (protobuf bodies), the bootstrap set, RBAC decisions.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class RbacKubectlTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task CreateGenerators_FourKinds_Created()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("rbac");
        var suffix = Guid.NewGuid().ToString("N")[..6];

        await ExpectAsync(kubectl, $"clusterrole.rbac.authorization.k8s.io/reader-{suffix} created", "create", "clusterrole", $"reader-{suffix}", "--verb=get,list,watch", "--resource=configmaps,secrets", "--resource-name=a");
        await ExpectAsync(kubectl, "role.rbac.authorization.k8s.io/cm-reader created", "-n", ns, "create", "role", "cm-reader", "--verb=get", "--resource=configmaps", "--resource-name=settings");
        await ExpectAsync(kubectl, "rolebinding.rbac.authorization.k8s.io/readers created", "-n", ns, "create", "rolebinding", "readers", "--role=cm-reader", "--user=alice", "--group=devs", $"--serviceaccount={ns}:robot");
        await ExpectAsync(kubectl, $"clusterrolebinding.rbac.authorization.k8s.io/readers-{suffix} created", "create", "clusterrolebinding", $"readers-{suffix}", $"--clusterrole=reader-{suffix}", "--group=devs");

        var role = await kubectl.RunAsync("get", "clusterrole", $"reader-{suffix}", "-o", "jsonpath={.rules[0]}");
        role.Stdout.ShouldBe("""{"apiGroups":[""],"resourceNames":["a"],"resources":["configmaps","secrets"],"verbs":["get","list","watch"]}""");
        var wide = await kubectl.RunAsync("-n", ns, "get", "rolebinding", "readers", "-o", "wide");
        wide.Stdout.ShouldMatch(@"NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS");
        wide.Stdout.ShouldMatch($@"readers\s+Role/cm-reader\s+\d+s\s+alice\s+devs\s+{ns}/robot");
    }

    [KubectlFact]
    public async Task GetClusterRoles_NewCluster_ShowsBootstrapSet()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("get", "clusterroles");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"NAME\s+CREATED AT");
        foreach (var role in new[] { "admin", "cluster-admin", "edit", "view", "system:discovery", "system:basic-user", "system:public-info-viewer", "system:controller:deployment-controller" })
        {
            stdout.ShouldMatch($@"(?m)^{role}\s+\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        }

        var bindings = await kubectl.RunAsync("get", "clusterrolebindings");
        bindings.Stdout.ShouldMatch(@"(?m)^cluster-admin\s+ClusterRole/cluster-admin\s+\d+[smhd]");
        var roles = await kubectl.RunAsync("-n", "kube-system", "get", "roles");
        roles.Stdout.ShouldContain("extension-apiserver-authentication-reader");
    }

    [KubectlFact]
    public async Task ViewUser_ListAllowedCreateForbidden_WithKubeApiserverMessage()
    {
        using var admin = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("view");
        var user = $"viewer-{Guid.NewGuid().ToString("N")[..6]}";
        (await admin.RunAsync("-n", ns, "create", "configmap", "settings", "--from-literal=a=b")).ExitCode.ShouldBe(0);
        (await admin.RunAsync("-n", ns, "create", "rolebinding", "view", "--clusterrole=view", $"--user={user}")).ExitCode.ShouldBe(0);

        using var viewer = new Kubectl(server, TestAuthenticator.UserToken(user));
        var list = await viewer.RunAsync("-n", ns, "get", "configmaps");
        list.ExitCode.ShouldBe(0, list.Stderr);
        list.Stdout.ShouldMatch(@"(?m)^settings\s+1\s+");

        var create = await viewer.RunAsync("-n", ns, "create", "configmap", "x", "--from-literal=a=b");
        create.ExitCode.ShouldNotBe(0);
        create.Stderr.Trim().ShouldBe($"error: failed to create configmap: configmaps is forbidden: User \"{user}\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"");

        var other = await viewer.RunAsync("-n", "default", "get", "configmaps");
        other.Stderr.Trim().ShouldBe($"Error from server (Forbidden): configmaps is forbidden: User \"{user}\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"");
    }

    [KubectlFact]
    public async Task NamespaceAdmin_BindsClusterAdmin_EscalationForbidden()
    {
        using var admin = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("esc");
        var user = $"nsadmin-{Guid.NewGuid().ToString("N")[..6]}";
        (await admin.RunAsync("-n", ns, "create", "rolebinding", "admin", "--clusterrole=admin", $"--user={user}")).ExitCode.ShouldBe(0);

        using var nsAdmin = new Kubectl(server, TestAuthenticator.UserToken(user));
        var allowed = await nsAdmin.RunAsync("-n", ns, "create", "rolebinding", "team-edit", "--clusterrole=edit", "--group=team");
        allowed.ExitCode.ShouldBe(0, allowed.Stderr);

        var denied = await nsAdmin.RunAsync("-n", ns, "create", "rolebinding", "root", "--clusterrole=cluster-admin", $"--user={user}");
        denied.ExitCode.ShouldNotBe(0);
        denied.Stderr.ShouldStartWith($"error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io \"root\" is forbidden: user \"{user}\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}}\n");
        denied.Stderr.ShouldContain("{NonResourceURLs:[\"*\"], Verbs:[\"*\"]}");
    }

    [KubectlFact]
    public async Task BindingToMissingRole_Forbidden_MessageEndsWithRbacReason()
    {
        using var admin = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("gone");
        var user = $"orphan-{Guid.NewGuid().ToString("N")[..6]}";
        (await admin.RunAsync("-n", ns, "create", "rolebinding", "orphan", "--role=never-created", $"--user={user}")).ExitCode.ShouldBe(0);

        using var orphan = new Kubectl(server, TestAuthenticator.UserToken(user));
        var denied = await orphan.RunAsync("-n", ns, "get", "configmaps");
        denied.Stderr.Trim().ShouldBe($"Error from server (Forbidden): configmaps is forbidden: User \"{user}\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"{ns}\": RBAC: role.rbac.authorization.k8s.io \"never-created\" not found");
    }

    [KubectlFact]
    public async Task ApplyFile_RoleAndBinding_CreatedThenUnchanged()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("apply");
        var file = Path.Combine(Path.GetTempPath(), $"rbac-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: reader
              namespace: {ns}
            rules:
            - apiGroups: [""]
              resources: ["configmaps"]
              verbs: ["get", "list"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: reader
              namespace: {ns}
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: reader
            subjects:
            - kind: ServiceAccount
              name: default
            """);
        try
        {
            var first = await kubectl.RunAsync("apply", "-f", file);
            first.ExitCode.ShouldBe(0, first.Stderr);
            first.Stdout.Trim().ShouldBe("role.rbac.authorization.k8s.io/reader created\nrolebinding.rbac.authorization.k8s.io/reader created");
            var again = await kubectl.RunAsync("apply", "-f", file);
            again.ExitCode.ShouldBe(0, again.Stderr);
            again.Stdout.Trim().ShouldBe("role.rbac.authorization.k8s.io/reader unchanged\nrolebinding.rbac.authorization.k8s.io/reader unchanged");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task ExpectAsync(Kubectl kubectl, string expected, params string[] args)
    {
        var (exit, stdout, stderr) = await kubectl.RunAsync(args);
        exit.ShouldBe(0, stderr);
        stdout.Trim().ShouldBe(expected);
    }
}
