using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>Pod identity associations through the real aws CLI: lifecycle, one per service account, role checks, filters, pagination, tags.</summary>
public sealed class PodIdentityAssociationTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string PodsTrust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}
        """;

    private LotseServer Server => fixture.Server;

    private async Task<JsonElement> JsonAsync(params string[] args) => JsonDocument.Parse((await Server.AwsAsync(args)).ShouldSucceed().StdOut).RootElement;

    private async Task<string> RoleAsync(string name)
    {
        var existing = await Server.AwsAsync("iam", "get-role", "--role-name", name, "--query", "Role.Arn", "--output", "text");
        if (existing.ExitCode == 0)
        {
            return existing.StdOut.Trim();
        }

        var file = Path.Combine(Server.Home, "pods-trust.json");
        await File.WriteAllTextAsync(file, PodsTrust);
        return (await Server.AwsAsync("iam", "create-role", "--role-name", name, "--assume-role-policy-document", $"file://{file}",
            "--query", "Role.Arn", "--output", "text")).ShouldSucceed().StdOut.Trim();
    }

    private async Task CreateClusterAsync(string name) =>
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}"))
            .ShouldSucceed();

    private async Task<ToolResult> CreateAsync(string cluster, string ns, string serviceAccount, string roleArn, params string[] extra) =>
        await Server.AwsAsync(["eks", "create-pod-identity-association", "--cluster-name", cluster, "--namespace", ns, "--service-account", serviceAccount,
            "--role-arn", roleArn, .. extra]);

    [CliFact]
    public async Task PodIdentityAssociation_Lifecycle_CreateDescribeUpdateTagDelete()
    {
        await CreateClusterAsync("pia-life");
        var role = await RoleAsync("piaAppRole");
        var other = await RoleAsync("piaOtherRole");

        var created = JsonDocument.Parse((await CreateAsync("pia-life", "default", "app", role, "--tags", "team=a")).ShouldSucceed().StdOut)
            .RootElement.GetProperty("association");
        var id = created.GetProperty("associationId").GetString()!;
        id.ShouldMatch("^a-[a-z0-9]{17}$");
        var arn = created.GetProperty("associationArn").GetString()!;
        arn.ShouldEndWith($":podidentityassociation/pia-life/{id}");
        created.GetProperty("roleArn").GetString().ShouldBe(role);
        created.GetProperty("tags").GetProperty("team").GetString().ShouldBe("a");
        created.TryGetProperty("createdAt", out _).ShouldBeTrue();

        var described = (await JsonAsync("eks", "describe-pod-identity-association", "--cluster-name", "pia-life", "--association-id", id)).GetProperty("association");
        described.GetProperty("serviceAccount").GetString().ShouldBe("app");

        var updated = (await JsonAsync("eks", "update-pod-identity-association", "--cluster-name", "pia-life", "--association-id", id, "--role-arn", other,
            "--disable-session-tags")).GetProperty("association");
        updated.GetProperty("roleArn").GetString().ShouldBe(other);
        updated.GetProperty("disableSessionTags").GetBoolean().ShouldBeTrue();
        updated.GetProperty("tags").GetProperty("team").GetString().ShouldBe("a");

        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", "b=2")).ShouldSucceed();
        (await JsonAsync("eks", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("tags").EnumerateObject().Count().ShouldBe(2);

        (await CreateAsync("pia-life", "default", "app", role)).ErrorLine()
            .ShouldBe($"An error occurred (ResourceInUseException) when calling the CreatePodIdentityAssociation operation: Association already exists: {id}");

        (await JsonAsync("eks", "delete-pod-identity-association", "--cluster-name", "pia-life", "--association-id", id)).GetProperty("association")
            .GetProperty("associationId").GetString().ShouldBe(id);
        (await Server.AwsAsync("eks", "describe-pod-identity-association", "--cluster-name", "pia-life", "--association-id", id)).ErrorLine()
            .ShouldStartWith("An error occurred (ResourceNotFoundException) when calling the DescribePodIdentityAssociation operation:");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "pia-life")).ShouldSucceed();
    }

    [CliFact]
    public async Task CreatePodIdentityAssociation_BadInput_IsRefused()
    {
        await CreateClusterAsync("pia-bad");
        var role = await RoleAsync("piaAppRole");
        const string Prefix = "An error occurred (InvalidParameterException) when calling the CreatePodIdentityAssociation operation: ";

        (await CreateAsync("pia-bad", "default", "app", "arn:aws:iam::000000000000:role/piaMissingRole")).ErrorLine()
            .ShouldBe(Prefix + "The role with name piaMissingRole cannot be found.");
        (await CreateAsync("pia-bad", "default", "app", "not-an-arn")).ErrorLine().ShouldBe(Prefix + "Invalid Role Arn: 'not-an-arn'");
        (await CreateAsync("pia-bad", "Default", "app", role)).ErrorLine().ShouldStartWith(Prefix);
        (await CreateAsync("pia-ghost", "default", "app", role)).ErrorLine()
            .ShouldBe("An error occurred (ResourceNotFoundException) when calling the CreatePodIdentityAssociation operation: No cluster found for name: pia-ghost.");
        (await Server.AwsAsync("eks", "describe-pod-identity-association", "--cluster-name", "pia-bad", "--association-id", "a-short")).ErrorLine()
            .ShouldBe("An error occurred (InvalidParameterException) when calling the DescribePodIdentityAssociation operation: The parameter associationId should be 19 characters long.");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "pia-bad")).ShouldSucceed();
    }

    [CliFact]
    public async Task ListPodIdentityAssociations_FiltersAndPages()
    {
        await CreateClusterAsync("pia-list");
        var role = await RoleAsync("piaAppRole");
        (await CreateAsync("pia-list", "default", "a", role)).ShouldSucceed();
        (await CreateAsync("pia-list", "default", "b", role)).ShouldSucceed();
        (await CreateAsync("pia-list", "kube-system", "a", role)).ShouldSucceed();

        (await JsonAsync("eks", "list-pod-identity-associations", "--cluster-name", "pia-list", "--namespace", "default")).GetProperty("associations").GetArrayLength().ShouldBe(2);
        var bySa = (await JsonAsync("eks", "list-pod-identity-associations", "--cluster-name", "pia-list", "--service-account", "a")).GetProperty("associations");
        bySa.GetArrayLength().ShouldBe(2);
        bySa[0].TryGetProperty("roleArn", out _).ShouldBeFalse();
        bySa[0].GetProperty("clusterName").GetString().ShouldBe("pia-list");

        var paged = await JsonAsync("eks", "list-pod-identity-associations", "--cluster-name", "pia-list", "--page-size", "1");
        paged.GetProperty("associations").GetArrayLength().ShouldBe(3);
        var first = await JsonAsync("eks", "list-pod-identity-associations", "--cluster-name", "pia-list", "--max-items", "2");
        first.GetProperty("associations").GetArrayLength().ShouldBe(2);
        var token = first.GetProperty("NextToken").GetString()!;
        var rest = await JsonAsync("eks", "list-pod-identity-associations", "--cluster-name", "pia-list", "--max-items", "2", "--starting-token", token);
        rest.GetProperty("associations").GetArrayLength().ShouldBe(1);

        // Deleting the cluster deletes its associations.
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "pia-list")).ShouldSucceed();
        (await Server.AwsAsync("eks", "wait", "cluster-deleted", "--name", "pia-list")).ShouldSucceed();
        await CreateClusterAsync("pia-list");
        (await JsonAsync("eks", "list-pod-identity-associations", "--cluster-name", "pia-list")).GetProperty("associations").GetArrayLength().ShouldBe(0);
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "pia-list")).ShouldSucceed();
    }
}
