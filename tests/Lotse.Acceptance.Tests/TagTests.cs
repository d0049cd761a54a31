using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>TagResource, UntagResource, ListTagsForResource on cluster ARNs through the real aws CLI (the ARN travels as one encoded segment).</summary>
public sealed class TagTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private async Task<string> CreateAsync(string name)
    {
        var created = await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}", "--tags", "team=blue", "--query", "cluster.arn", "--output", "text");
        return created.ShouldSucceed().StdOut.Trim();
    }

    private async Task<Dictionary<string, string>> TagsAsync(string arn) =>
        JsonDocument.Parse((await Server.AwsAsync("eks", "list-tags-for-resource", "--resource-arn", arn)).ShouldSucceed().StdOut).RootElement
            .GetProperty("tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    [CliFact]
    public async Task TagUntagList_ClusterArn_ChangesTheClusterTags()
    {
        var arn = await CreateAsync("tagged");
        (await TagsAsync(arn)).ShouldBe(new Dictionary<string, string> { ["team"] = "blue" });

        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", "env=dev,team=red")).ShouldSucceed().StdOut.Trim().ShouldBeEmpty();
        (await TagsAsync(arn)).ShouldBe(new Dictionary<string, string> { ["env"] = "dev", ["team"] = "red" }, ignoreOrder: true);

        (await Server.AwsAsync("eks", "untag-resource", "--resource-arn", arn, "--tag-keys", "team", "missing")).ShouldSucceed();
        (await TagsAsync(arn)).ShouldBe(new Dictionary<string, string> { ["env"] = "dev" });

        var described = JsonDocument.Parse((await Server.AwsAsync("eks", "describe-cluster", "--name", "tagged")).ShouldSucceed().StdOut).RootElement;
        described.GetProperty("cluster").GetProperty("tags").GetProperty("env").GetString().ShouldBe("dev");
    }

    [CliFact]
    public async Task TagOperations_UnknownOrBadInput_AnswerTheirOwnErrors()
    {
        var arn = await CreateAsync("tag-errors");
        var ghost = arn.Replace("cluster/tag-errors", "cluster/ghost", StringComparison.Ordinal);
        (await Server.AwsAsync("eks", "list-tags-for-resource", "--resource-arn", ghost)).ErrorLine()
            .ShouldBe("An error occurred (NotFoundException) when calling the ListTagsForResource operation: Resource was not found");
        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", ghost, "--tags", "a=b")).ErrorLine()
            .ShouldContain("(NotFoundException) when calling the TagResource operation");
        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", "aws:owner=me")).ErrorLine()
            .ShouldContain("(BadRequestException) when calling the TagResource operation");
        (await Server.AwsAsync("eks", "list-tags-for-resource", "--resource-arn", "not-an-arn")).ErrorLine()
            .ShouldContain("(BadRequestException)");

        var tooMany = string.Join(',', Enumerable.Range(0, 50).Select(i => $"k{i}=v"));
        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", tooMany)).ErrorLine().ShouldContain("(BadRequestException)");
        (await TagsAsync(arn)).Count.ShouldBe(1);
    }
}
