using System.Text.Json;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Integration;

/// <summary>The real aws CLI's <c>logs</c> commands (awsJson1_1, auto-paging) against the in-test endpoint.</summary>
public sealed class AwsCliLogsTests : IClassFixture<AwsEndpointFixture>, IDisposable
{
    private readonly AwsEndpointFixture _endpoint;
    private readonly string _home = Path.Combine(Path.GetTempPath(), "lotse-aws-home-" + Guid.NewGuid().ToString("N"));
    private readonly string _group = "/aws/eks/cli-" + Guid.NewGuid().ToString("N")[..8] + "/cluster";

    public AwsCliLogsTests(AwsEndpointFixture endpoint)
    {
        _endpoint = endpoint;
        Directory.CreateDirectory(_home);
        var group = endpoint.Logs.AddGroup(_group, endpoint.Installation.AccountId, "eu-central-1");
        var audit = StaticLogGroupSource.Stream(group, "kube-apiserver-audit-00ff", capacity: 1000);
        for (var i = 0; i < 120; i++)
        {
            audit.Events.Add(1_700_000_000_000 + i, 1_700_000_000_500 + i, $$"""{"verb":"{{(i % 2 == 0 ? "get" : "create")}}","n":{{i}}}""");
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Task<AwsCli.Result> Aws(params string[] args) =>
        AwsCli.RunAsync(_home, _endpoint.Installation.AdminAccessKeyId, _endpoint.Installation.AdminSecretAccessKey, null,
            ["--endpoint-url", _endpoint.Endpoint.ToString().TrimEnd('/'), "--output", "json", .. args]);

    [AwsCliFact]
    public async Task FilterLogEvents_PatternAndPaging_CliCollectsEveryPage()
    {
        var result = await Aws("logs", "filter-log-events", "--log-group-name", _group, "--filter-pattern", "{ $.verb = \"create\" }", "--page-size", "7");

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var events = json.RootElement.GetProperty("events").EnumerateArray().ToList();
        events.Count.ShouldBe(60);
        events.ShouldAllBe(e => e.GetProperty("message").GetString()!.Contains("\"create\""));
        events[0].GetProperty("logStreamName").GetString().ShouldBe("kube-apiserver-audit-00ff");
    }

    [AwsCliFact]
    public async Task DescribeAndGet_GroupStreamAndEvents()
    {
        var groups = await Aws("logs", "describe-log-groups", "--log-group-name-prefix", _group);
        groups.ExitCode.ShouldBe(0, groups.Stderr);
        groups.Stdout.ShouldContain($"\"logGroupName\": \"{_group}\"");

        var streams = await Aws("logs", "describe-log-streams", "--log-group-name", _group);
        streams.ExitCode.ShouldBe(0, streams.Stderr);
        streams.Stdout.ShouldContain("\"logStreamName\": \"kube-apiserver-audit-00ff\"");

        var events = await Aws("logs", "get-log-events", "--log-group-name", _group, "--log-stream-name", "kube-apiserver-audit-00ff", "--limit", "5", "--start-from-head");
        events.ExitCode.ShouldBe(0, events.Stderr);
        using var json = JsonDocument.Parse(events.Stdout);
        json.RootElement.GetProperty("events").GetArrayLength().ShouldBe(5);
        json.RootElement.GetProperty("nextForwardToken").GetString()!.ShouldStartWith("f/");
    }

    [AwsCliFact]
    public async Task DescribeLogStreams_UnknownGroup_CliPrintsResourceNotFound()
    {
        var result = await Aws("logs", "describe-log-streams", "--log-group-name", "/aws/eks/nope/cluster");

        result.ExitCode.ShouldBeOneOf(254, 255);
        result.Stderr.Trim().ShouldBe("An error occurred (ResourceNotFoundException) when calling the DescribeLogStreams operation: The specified log group does not exist.");
    }
}
