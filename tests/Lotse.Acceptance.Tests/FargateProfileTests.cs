using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>Fargate profiles through the real aws CLI: lifecycle, waiters, selector validation, tags, cluster deletion rules.</summary>
public sealed class FargateProfileTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string PodsTrust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks-fargate-pods.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;

    private LotseServer Server => fixture.Server;

    private async Task<string> PodRoleAsync()
    {
        var existing = await Server.AwsAsync("iam", "get-role", "--role-name", "eksFargatePodRole", "--query", "Role.Arn", "--output", "text");
        if (existing.ExitCode == 0)
        {
            return existing.StdOut.Trim();
        }

        var file = Path.Combine(Server.Home, "fargate-trust.json");
        await File.WriteAllTextAsync(file, PodsTrust);
        return (await Server.AwsAsync("iam", "create-role", "--role-name", "eksFargatePodRole", "--assume-role-policy-document", $"file://{file}",
            "--query", "Role.Arn", "--output", "text")).ShouldSucceed().StdOut.Trim();
    }

    private async Task<ToolResult> CreateProfileAsync(string cluster, string name, params string[] extra) =>
        await Server.AwsAsync(["eks", "create-fargate-profile", "--cluster-name", cluster, "--fargate-profile-name", name, "--pod-execution-role-arn", await PodRoleAsync(), .. extra]);

    private async Task<JsonElement> JsonAsync(params string[] args) => JsonDocument.Parse((await Server.AwsAsync(args)).ShouldSucceed().StdOut).RootElement;

    [CliFact]
    public async Task FargateProfile_Lifecycle_CreatingActiveDeletingGone()
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", "fp-life", "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}"))
            .ShouldSucceed();
        var created = JsonDocument.Parse((await CreateProfileAsync("fp-life", "default", "--selectors", "namespace=default", "namespace=apps,labels={tier=web}", "--tags", "a=1"))
            .ShouldSucceed().StdOut).RootElement.GetProperty("fargateProfile");
        created.GetProperty("status").GetString().ShouldBe("CREATING");
        var arn = created.GetProperty("fargateProfileArn").GetString()!;
        arn.ShouldContain(":fargateprofile/fp-life/default/");

        (await Server.AwsAsync("eks", "wait", "fargate-profile-active", "--cluster-name", "fp-life", "--fargate-profile-name", "default")).ShouldSucceed();
        var described = (await JsonAsync("eks", "describe-fargate-profile", "--cluster-name", "fp-life", "--fargate-profile-name", "default")).GetProperty("fargateProfile");
        described.GetProperty("selectors")[1].GetProperty("labels").GetProperty("tier").GetString().ShouldBe("web");
        (await JsonAsync("eks", "list-fargate-profiles", "--cluster-name", "fp-life")).GetProperty("fargateProfileNames").EnumerateArray().Select(n => n.GetString()).ShouldBe(["default"]);
        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", "b=2")).ShouldSucceed();
        (await JsonAsync("eks", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("tags").EnumerateObject().Count().ShouldBe(2);

        (await CreateProfileAsync("fp-life", "default", "--selectors", "namespace=x")).ErrorLine()
            .ShouldBe("An error occurred (ResourceInUseException) when calling the CreateFargateProfile operation: A Fargate Profile already exists with this name in this cluster.");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "fp-life")).ErrorLine().ShouldContain("(ResourceInUseException)");
        (await JsonAsync("eks", "delete-fargate-profile", "--cluster-name", "fp-life", "--fargate-profile-name", "default")).GetProperty("fargateProfile")
            .GetProperty("status").GetString().ShouldBe("DELETING");
        (await Server.AwsAsync("eks", "wait", "fargate-profile-deleted", "--cluster-name", "fp-life", "--fargate-profile-name", "default")).ShouldSucceed();
        (await Server.AwsAsync("eks", "describe-fargate-profile", "--cluster-name", "fp-life", "--fargate-profile-name", "default")).ErrorLine()
            .ShouldBe("An error occurred (ResourceNotFoundException) when calling the DescribeFargateProfile operation: No Fargate Profile found with name: default.");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "fp-life")).ShouldSucceed();
    }

    [CliFact]
    public async Task CreateFargateProfile_BadSelectorsOrRole_AreRefused()
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", "fp-bad", "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}"))
            .ShouldSucceed();
        const string Prefix = "An error occurred (InvalidParameterException) when calling the CreateFargateProfile operation: ";
        (await CreateProfileAsync("fp-bad", "none")).ErrorLine().ShouldBe(Prefix + "Fargate Profile requires at least one selector.");
        (await CreateProfileAsync("fp-bad", "labels", "--selectors", "namespace=a,labels={a=1,b=2,c=3,d=4,e=5,f=6}")).ErrorLine()
            .ShouldBe(Prefix + "Request contains Selector with more than 5 Label pairs");
        (await Server.AwsAsync("eks", "create-fargate-profile", "--cluster-name", "fp-bad", "--fargate-profile-name", "role", "--selectors", "namespace=a",
            "--pod-execution-role-arn", fixture.ClusterRoleArn)).ErrorLine()
            .ShouldContain("[eks-fargate-pods.amazonaws.com] were not found in the trust relationships");
        (await CreateProfileAsync("fp-ghost", "p", "--selectors", "namespace=a")).ErrorLine().ShouldEndWith("No cluster found for name: fp-ghost.");
        (await JsonAsync("eks", "list-fargate-profiles", "--cluster-name", "fp-bad")).GetProperty("fargateProfileNames").GetArrayLength().ShouldBe(0);
    }
}
