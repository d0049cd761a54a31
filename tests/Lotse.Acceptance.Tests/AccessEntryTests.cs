using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>Access entries and access policies through the real aws CLI and kubectl, with a second IAM user in its own profile.</summary>
public sealed class AccessEntryTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string ViewPolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

    private LotseServer Server => fixture.Server;

    private async Task<string> CreateClusterAsync(string name, string mode)
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}", "--access-config", $"authenticationMode={mode}")).ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, $"{name}.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", name, "--kubeconfig", kubeconfig)).ShouldSucceed();
        return kubeconfig;
    }

    [CliFact]
    public async Task ApiCluster_SecondUser_UnauthorizedUntilMapped_ThenViewsOneNamespaceOnly()
    {
        var admin = await CreateClusterAsync("ae-view", "API");
        var creator = (await Server.AwsAsync("sts", "get-caller-identity", "--query", "Arn", "--output", "text")).ShouldSucceed().StdOut.Trim();

        // The creator's access is a visible entry with the cluster-admin policy, and it works with API mode alone.
        (await Server.AwsAsync("eks", "list-access-entries", "--cluster-name", "ae-view", "--query", "accessEntries", "--output", "text")).ShouldSucceed()
            .StdOut.Trim().ShouldBe(creator);
        (await Server.AwsAsync("eks", "list-associated-access-policies", "--cluster-name", "ae-view", "--principal-arn", creator,
            "--query", "associatedAccessPolicies[0].policyArn", "--output", "text")).ShouldSucceed()
            .StdOut.Trim().ShouldBe("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        (await Server.KubectlAsync(admin, "create", "namespace", "team-a")).ShouldSucceed();
        (await Server.KubectlAsync(admin, "create", "configmap", "settings", "-n", "team-a", "--from-literal=a=b")).ShouldSucceed();

        var second = await SecondUser.CreateAsync(Server, "second");
        var kubeconfig = await second.KubeconfigAsync("ae-view");
        (await second.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "team-a")).ShouldFail()
            .StdErr.ShouldContain("error: You must be logged in to the server");

        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-view", "--principal-arn", second.Arn)).ShouldSucceed()
            .StdOut.ShouldContain($"\"username\": \"{second.Arn}\"");
        (await Server.AwsAsync("eks", "associate-access-policy", "--cluster-name", "ae-view", "--principal-arn", second.Arn,
            "--policy-arn", ViewPolicy, "--access-scope", "type=namespace,namespaces=team-a")).ShouldSucceed();

        (await second.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "team-a")).ShouldSucceed().StdOut.ShouldContain("settings");
        (await second.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "kube-system")).ShouldFail().StdErr.ShouldContain(
            $"Error from server (Forbidden): configmaps is forbidden: User \"{second.Arn}\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"kube-system\"");
        (await second.KubectlAsync(kubeconfig, "create", "configmap", "mine", "-n", "team-a")).ShouldFail()
            .StdErr.ShouldContain($"configmaps is forbidden: User \"{second.Arn}\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"team-a\"");

        // Access policies are EKS's, outside RBAC: impersonating the user (`--as`) gets RBAC's answer only, as on EKS.
        (await Server.KubectlAsync(admin, "get", "configmaps", "-n", "team-a", "--as", second.Arn)).ShouldFail()
            .StdErr.ShouldContain($"configmaps is forbidden: User \"{second.Arn}\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"team-a\"");

        // One token used again and again is verified once; deleting its access key still refuses it at once.
        var token = JsonDocument.Parse((await second.AwsAsync("eks", "get-token", "--cluster-name", "ae-view")).ShouldSucceed().StdOut)
            .RootElement.GetProperty("status").GetProperty("token").GetString()!;
        (await second.KubectlAsync(kubeconfig, "config", "set-credentials", "fixed-token", "--token", token)).ShouldSucceed();
        (await second.KubectlAsync(kubeconfig, "config", "set-context", "--current", "--user", "fixed-token")).ShouldSucceed();
        (await second.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "team-a")).ShouldSucceed();
        (await second.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "team-a")).ShouldSucceed();
        (await Server.AwsAsync("iam", "delete-access-key", "--user-name", second.Profile, "--access-key-id", second.AccessKeyId)).ShouldSucceed();
        (await second.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "team-a")).ShouldFail()
            .StdErr.ShouldContain("error: You must be logged in to the server");

        (await Server.AwsAsync("eks", "delete-access-entry", "--cluster-name", "ae-view", "--principal-arn", second.Arn)).ShouldSucceed();
        (await Server.AwsAsync("eks", "describe-access-entry", "--cluster-name", "ae-view", "--principal-arn", second.Arn)).ShouldFail();
    }

    [CliFact]
    public async Task DeletedAccessEntry_IsUnauthorizedAgain()
    {
        await CreateClusterAsync("ae-delete", "API_AND_CONFIG_MAP");
        var third = await SecondUser.CreateAsync(Server, "third");
        var kubeconfig = await third.KubeconfigAsync("ae-delete");
        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-delete", "--principal-arn", third.Arn)).ShouldSucceed();
        (await Server.AwsAsync("eks", "associate-access-policy", "--cluster-name", "ae-delete", "--principal-arn", third.Arn,
            "--policy-arn", ViewPolicy, "--access-scope", "type=cluster")).ShouldSucceed();
        (await third.KubectlAsync(kubeconfig, "get", "ns")).ShouldSucceed();

        (await Server.AwsAsync("eks", "delete-access-entry", "--cluster-name", "ae-delete", "--principal-arn", third.Arn)).ShouldSucceed();
        (await third.KubectlAsync(kubeconfig, "get", "ns")).ShouldFail().StdErr.ShouldContain("error: You must be logged in to the server");

        // Entries go with their cluster: a new cluster of the same name starts with the creator's entry only.
        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-delete", "--principal-arn", third.Arn)).ShouldSucceed();
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "ae-delete")).ShouldSucceed();
        await CreateClusterAsync("ae-delete", "API_AND_CONFIG_MAP");
        (await Server.AwsAsync("eks", "list-access-entries", "--cluster-name", "ae-delete", "--query", "length(accessEntries)")).ShouldSucceed().StdOut.Trim().ShouldBe("1");
        (await third.KubectlAsync(await third.KubeconfigAsync("ae-delete"), "get", "ns")).ShouldFail();
    }

    [CliFact]
    public async Task AccessEntryOperations_Errors_AsTheCliPrintsThem()
    {
        await CreateClusterAsync("ae-legacy", "CONFIG_MAP");
        await CreateClusterAsync("ae-errors", "API_AND_CONFIG_MAP");
        var user = JsonDocument.Parse((await Server.AwsAsync("iam", "create-user", "--user-name", "errors-user")).ShouldSucceed().StdOut)
            .RootElement.GetProperty("User").GetProperty("Arn").GetString()!;

        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-legacy", "--principal-arn", user)).ErrorLine().ShouldBe(
            "An error occurred (InvalidRequestException) when calling the CreateAccessEntry operation: The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.");
        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-errors", "--principal-arn", user, "--username", "system:me")).ErrorLine()
            .ShouldStartWith("An error occurred (InvalidParameterException) when calling the CreateAccessEntry operation: The username system:me is invalid");
        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-errors", "--principal-arn", user + "-missing")).ErrorLine().ShouldBe(
            "An error occurred (InvalidParameterException) when calling the CreateAccessEntry operation: The specified principalArn is invalid: invalid principal.");

        var created = JsonDocument.Parse((await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-errors", "--principal-arn", user,
            "--kubernetes-groups", "devs", "--tags", "team=blue")).ShouldSucceed().StdOut).RootElement.GetProperty("accessEntry");
        created.GetProperty("type").GetString().ShouldBe("STANDARD");
        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "ae-errors", "--principal-arn", user)).ErrorLine().ShouldBe(
            "An error occurred (ResourceInUseException) when calling the CreateAccessEntry operation: The specified access entry resource is already in use on this cluster.");
        (await Server.AwsAsync("eks", "describe-access-entry", "--cluster-name", "ae-errors", "--principal-arn", user + "x")).ErrorLine().ShouldBe(
            "An error occurred (ResourceNotFoundException) when calling the DescribeAccessEntry operation: The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.");

        // The entry ARN works with the tag operations; update changes groups and username.
        var entryArn = created.GetProperty("accessEntryArn").GetString()!;
        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", entryArn, "--tags", "env=dev")).ShouldSucceed();
        (await Server.AwsAsync("eks", "list-tags-for-resource", "--resource-arn", entryArn, "--query", "tags.env", "--output", "text")).ShouldSucceed().StdOut.Trim().ShouldBe("dev");
        (await Server.AwsAsync("eks", "update-access-entry", "--cluster-name", "ae-errors", "--principal-arn", user, "--kubernetes-groups", "ops", "--username", "errors")).ShouldSucceed();
        (await Server.AwsAsync("eks", "describe-access-entry", "--cluster-name", "ae-errors", "--principal-arn", user,
            "--query", "[accessEntry.username, accessEntry.kubernetesGroups[0], accessEntry.tags.team]", "--output", "text")).ShouldSucceed().StdOut.Trim()
            .ShouldBe("errors\tops\tblue");

        var policies = (await Server.AwsAsync("eks", "list-access-policies", "--query", "accessPolicies[].arn", "--output", "text")).ShouldSucceed().StdOut;
        policies.ShouldContain(ViewPolicy);
        policies.ShouldContain("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
    }

    [CliFact]
    public async Task UpdateClusterConfig_EnablingAccessEntries_MakesTheCreatorAVisibleEntry()
    {
        var kubeconfig = await CreateClusterAsync("ae-switch", "CONFIG_MAP");
        var creator = (await Server.AwsAsync("sts", "get-caller-identity", "--query", "Arn", "--output", "text")).ShouldSucceed().StdOut.Trim();

        (await Server.AwsAsync("eks", "update-cluster-config", "--name", "ae-switch", "--access-config", "authenticationMode=API_AND_CONFIG_MAP")).ShouldSucceed();

        (await Server.AwsAsync("eks", "list-access-entries", "--cluster-name", "ae-switch", "--associated-policy-arn",
            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "--query", "accessEntries", "--output", "text")).ShouldSucceed()
            .StdOut.Trim().ShouldBe(creator);
        (await Server.AwsAsync("eks", "update-cluster-config", "--name", "ae-switch", "--access-config", "authenticationMode=API")).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "get", "ns", "kube-system")).ShouldSucceed();
    }
}
