using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>Managed node groups through the real aws CLI: lifecycle, waiters, validation, updates, tags, cluster deletion rules.</summary>
public sealed class NodegroupTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string Ec2Trust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;

    private LotseServer Server => fixture.Server;

    private async Task<string> RoleAsync(string name, string trust)
    {
        var file = Path.Combine(Server.Home, $"{name}-trust.json");
        await File.WriteAllTextAsync(file, trust);
        var existing = await Server.AwsAsync("iam", "get-role", "--role-name", name, "--query", "Role.Arn", "--output", "text");
        return existing.ExitCode == 0
            ? existing.StdOut.Trim()
            : (await Server.AwsAsync("iam", "create-role", "--role-name", name, "--assume-role-policy-document", $"file://{file}", "--query", "Role.Arn", "--output", "text"))
                .ShouldSucceed().StdOut.Trim();
    }

    private async Task ClusterAsync(string name) =>
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}"))
            .ShouldSucceed();

    private async Task<ToolResult> CreateNodegroupAsync(string cluster, string name, params string[] extra) =>
        await Server.AwsAsync([
            "eks", "create-nodegroup", "--cluster-name", cluster, "--nodegroup-name", name, "--subnets", .. fixture.SubnetIds,
            "--node-role", await RoleAsync("eksNodeRole", Ec2Trust), .. extra,
        ]);

    private async Task<JsonElement> JsonAsync(params string[] args) => JsonDocument.Parse((await Server.AwsAsync(args)).ShouldSucceed().StdOut).RootElement;

    [CliFact]
    public async Task CreateNodegroup_Defaults_CreatingThenActiveAndWaitersReturnAtOnce()
    {
        await ClusterAsync("ng-life");
        var created = JsonDocument.Parse((await CreateNodegroupAsync("ng-life", "workers", "--labels", "team=blue", "--taints", "key=dedicated,value=gpu,effect=NO_SCHEDULE"))
            .ShouldSucceed().StdOut).RootElement.GetProperty("nodegroup");
        created.GetProperty("status").GetString().ShouldBe("CREATING");
        var arn = created.GetProperty("nodegroupArn").GetString()!;
        arn.ShouldStartWith("arn:aws:eks:");
        var id = arn.Split('/')[^1];
        Guid.TryParse(id, out _).ShouldBeTrue();
        created.GetProperty("resources").GetProperty("autoScalingGroups")[0].GetProperty("name").GetString().ShouldBe($"eks-workers-{id}");
        created.GetProperty("instanceTypes").EnumerateArray().Select(t => t.GetString()).ShouldBe(["t3.medium"]);
        created.GetProperty("scalingConfig").GetProperty("desiredSize").GetInt32().ShouldBe(2);
        created.GetProperty("diskSize").GetInt32().ShouldBe(20);
        created.GetProperty("version").GetString().ShouldBe("1.32");

        (await Server.AwsAsync("eks", "wait", "nodegroup-active", "--cluster-name", "ng-life", "--nodegroup-name", "workers")).ShouldSucceed();
        var described = (await JsonAsync("eks", "describe-nodegroup", "--cluster-name", "ng-life", "--nodegroup-name", "workers")).GetProperty("nodegroup");
        described.GetProperty("status").GetString().ShouldBe("ACTIVE");
        described.GetProperty("labels").GetProperty("team").GetString().ShouldBe("blue");
        described.GetProperty("taints")[0].GetProperty("effect").GetString().ShouldBe("NO_SCHEDULE");
        (await JsonAsync("eks", "list-nodegroups", "--cluster-name", "ng-life")).GetProperty("nodegroups").EnumerateArray().Select(n => n.GetString()).ShouldBe(["workers"]);

        (await Server.AwsAsync("eks", "delete-cluster", "--name", "ng-life")).ErrorLine()
            .ShouldBe("An error occurred (ResourceInUseException) when calling the DeleteCluster operation: Cluster has nodegroups attached");
        (await JsonAsync("eks", "delete-nodegroup", "--cluster-name", "ng-life", "--nodegroup-name", "workers")).GetProperty("nodegroup")
            .GetProperty("status").GetString().ShouldBe("DELETING");
        (await Server.AwsAsync("eks", "wait", "nodegroup-deleted", "--cluster-name", "ng-life", "--nodegroup-name", "workers")).ShouldSucceed();
        (await Server.AwsAsync("eks", "describe-nodegroup", "--cluster-name", "ng-life", "--nodegroup-name", "workers")).ErrorLine()
            .ShouldBe("An error occurred (ResourceNotFoundException) when calling the DescribeNodegroup operation: No node group found for name: workers.");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "ng-life")).ShouldSucceed();
    }

    [CliFact]
    public async Task CreateNodegroup_InvalidInput_AnswersEksErrors()
    {
        await ClusterAsync("ng-bad");
        (await CreateNodegroupAsync("ng-bad", "dup")).ShouldSucceed();
        (await CreateNodegroupAsync("ng-bad", "dup")).ErrorLine()
            .ShouldBe("An error occurred (ResourceInUseException) when calling the CreateNodegroup operation: NodeGroup already exists with name dup and cluster name ng-bad");
        (await CreateNodegroupAsync("ng-ghost", "ng")).ErrorLine().ShouldEndWith("No cluster found for name: ng-ghost.");
        (await CreateNodegroupAsync("ng-bad", "scale", "--scaling-config", "minSize=3,maxSize=5,desiredSize=2")).ErrorLine()
            .ShouldBe("An error occurred (InvalidParameterException) when calling the CreateNodegroup operation: minSize can't be greater than desiredSize");
        (await CreateNodegroupAsync("ng-bad", "scale2", "--scaling-config", "minSize=1,maxSize=2,desiredSize=3")).ErrorLine()
            .ShouldEndWith("desiredSize can't be greater than maxSize");
        (await CreateNodegroupAsync("ng-bad", "lt", "--launch-template", "name=my-lt,version=1", "--disk-size", "40")).ErrorLine()
            .ShouldEndWith("Disk size must be specified within the launch template.");
        (await CreateNodegroupAsync("ng-bad", "ami", "--ami-type", "UBUNTU")).ErrorLine().ShouldContain("Member must satisfy enum value set");
        (await CreateNodegroupAsync("ng-bad", "taint", "--taints", "key=a,value=b,effect=NEVER")).ErrorLine().ShouldContain("(InvalidParameterException)");

        var eksOnly = await RoleAsync("eksOnlyNodeRole", LotseFixture.TrustPolicy);
        (await Server.AwsAsync("eks", "create-nodegroup", "--cluster-name", "ng-bad", "--nodegroup-name", "role", "--subnets", fixture.SubnetIds[0], "--node-role", eksOnly))
            .ErrorLine().ShouldEndWith($"Following required service principals [ec2.amazonaws.com] were not found in the trust relationships of nodeRole {eksOnly}");
        (await JsonAsync("eks", "list-nodegroups", "--cluster-name", "ng-bad")).GetProperty("nodegroups").GetArrayLength().ShouldBe(1);
    }

    [CliFact]
    public async Task UpdateNodegroupConfigAndVersion_RecordUpdatesAndApplyThem()
    {
        await ClusterAsync("ng-upd");
        (await CreateNodegroupAsync("ng-upd", "pool", "--kubernetes-version", "1.31", "--labels", "a=1")).ShouldSucceed();
        var update = (await JsonAsync("eks", "update-nodegroup-config", "--cluster-name", "ng-upd", "--nodegroup-name", "pool",
            "--labels", "addOrUpdateLabels={b=2},removeLabels=a", "--scaling-config", "minSize=0,maxSize=5,desiredSize=3")).GetProperty("update");
        update.GetProperty("type").GetString().ShouldBe("ConfigUpdate");
        update.GetProperty("status").GetString().ShouldBe("InProgress");
        var parameters = update.GetProperty("params").EnumerateArray().ToDictionary(p => p.GetProperty("type").GetString()!, p => p.GetProperty("value").GetString());
        parameters["LabelsToAdd"].ShouldBe("""{"b":"2"}""");
        parameters["DesiredSize"].ShouldBe("3");

        var id = update.GetProperty("id").GetString()!;
        (await JsonAsync("eks", "describe-update", "--name", "ng-upd", "--nodegroup-name", "pool", "--update-id", id)).GetProperty("update")
            .GetProperty("status").GetString().ShouldBe("Successful");
        (await JsonAsync("eks", "list-updates", "--name", "ng-upd", "--nodegroup-name", "pool")).GetProperty("updateIds")[0].GetString().ShouldBe(id);
        (await JsonAsync("eks", "list-updates", "--name", "ng-upd")).GetProperty("updateIds").GetArrayLength().ShouldBe(0);

        var pool = (await JsonAsync("eks", "describe-nodegroup", "--cluster-name", "ng-upd", "--nodegroup-name", "pool")).GetProperty("nodegroup");
        pool.GetProperty("labels").EnumerateObject().Select(p => p.Name).ShouldBe(["b"]);
        pool.GetProperty("scalingConfig").GetProperty("maxSize").GetInt32().ShouldBe(5);
        pool.GetProperty("status").GetString().ShouldBe("ACTIVE");

        (await Server.AwsAsync("eks", "update-nodegroup-config", "--cluster-name", "ng-upd", "--nodegroup-name", "pool", "--scaling-config", "desiredSize=9"))
            .ErrorLine().ShouldEndWith("desiredSize can't be greater than maxSize");
        (await JsonAsync("eks", "update-nodegroup-version", "--cluster-name", "ng-upd", "--nodegroup-name", "pool")).GetProperty("update")
            .GetProperty("type").GetString().ShouldBe("VersionUpdate");
        (await JsonAsync("eks", "describe-nodegroup", "--cluster-name", "ng-upd", "--nodegroup-name", "pool")).GetProperty("nodegroup")
            .GetProperty("version").GetString().ShouldBe("1.32");
        (await Server.AwsAsync("eks", "update-nodegroup-config", "--cluster-name", "ng-upd", "--nodegroup-name", "nope", "--scaling-config", "desiredSize=1"))
            .ErrorLine().ShouldEndWith("No node group found for name: nope.");
    }

    [CliFact]
    public async Task Tags_NodegroupArn_TaggedUntaggedAndGoneAfterDelete()
    {
        await ClusterAsync("ng-tags");
        var arn = JsonDocument.Parse((await CreateNodegroupAsync("ng-tags", "tagged", "--tags", "a=1")).ShouldSucceed().StdOut).RootElement
            .GetProperty("nodegroup").GetProperty("nodegroupArn").GetString()!;
        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", "b=2")).ShouldSucceed();
        (await Server.AwsAsync("eks", "untag-resource", "--resource-arn", arn, "--tag-keys", "a")).ShouldSucceed();
        (await JsonAsync("eks", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("tags").EnumerateObject().Select(p => p.Name).ShouldBe(["b"]);

        (await Server.AwsAsync("eks", "delete-nodegroup", "--cluster-name", "ng-tags", "--nodegroup-name", "tagged")).ShouldSucceed();
        (await Server.AwsAsync("eks", "list-tags-for-resource", "--resource-arn", arn)).ErrorLine().ShouldEndWith("Resource was not found");
    }
}
