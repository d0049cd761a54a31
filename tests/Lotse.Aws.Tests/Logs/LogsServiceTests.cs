using System.Text;
using System.Text.Json;
using Lotse.Aws.Logs;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Logs;

/// <summary>The CloudWatch Logs read API over awsJson1_1, through the front door with SDK-signed requests.</summary>
public sealed class LogsServiceTests
{
    private const string Account = "111122223333";
    private const string Key = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly StaticLogGroupSource _source = new();
    private readonly FrontDoorHarness _harness;
    private readonly LogStream _audit;
    private readonly LogStream _authenticator;

    public LogsServiceTests()
    {
        var keys = new StaticKeyStore(new AccessKeyRecord(Key, Secret, AccessKeyStatus.Active, new AwsCaller(Account, $"arn:aws:iam::{Account}:user/admin", "AIDAEXAMPLE", Key, AwsPrincipalType.User)));
        _harness = new FrontDoorHarness(keys, new LogsService([_source]));
        var group = _source.AddGroup("/aws/eks/demo/cluster", Account, "eu-central-1");
        _source.AddGroup("/aws/eks/other-region/cluster", Account, "us-east-1");
        _source.AddGroup("/aws/eks/other-account/cluster", "999988887777", "eu-central-1");
        _audit = StaticLogGroupSource.Stream(group, "kube-apiserver-audit-0123");
        _authenticator = StaticLogGroupSource.Stream(group, "authenticator-0123");
        for (var i = 0; i < 5; i++)
        {
            _audit.Events.Add(10_000 + (i * 100), 20_000, $"audit {i} verb=get");
            _authenticator.Events.Add(10_050 + (i * 100), 20_000, $"authenticator {i} access granted");
        }
    }

    private async Task<(int Status, JsonElement Body)> CallAsync(string operation, object request)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request);
        var response = await _harness.SendAsync("POST", "/", "logs", "application/x-amz-json-1.1", body, Key, Secret,
            tamper: h => h["X-Amz-Target"] = LogsService.TargetPrefix + operation);
        return (response.Status, JsonDocument.Parse(response.Body).RootElement.Clone());
    }

    private static List<string> Messages(JsonElement body) => body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();

    [Fact]
    public async Task DescribeLogGroups_CallersAccountAndRegionOnly()
    {
        var (status, body) = await CallAsync("DescribeLogGroups", new { });

        status.ShouldBe(200);
        var group = body.GetProperty("logGroups").EnumerateArray().Single();
        group.GetProperty("logGroupName").GetString().ShouldBe("/aws/eks/demo/cluster");
        group.GetProperty("arn").GetString().ShouldBe($"arn:aws:logs:eu-central-1:{Account}:log-group:/aws/eks/demo/cluster:*");
        group.GetProperty("creationTime").GetInt64().ShouldBe(1_000);
    }

    [Fact]
    public async Task DescribeLogStreams_StreamsWithEventTimes()
    {
        var (status, body) = await CallAsync("DescribeLogStreams", new { logGroupName = "/aws/eks/demo/cluster" });

        status.ShouldBe(200);
        var streams = body.GetProperty("logStreams").EnumerateArray().ToList();
        streams.Select(s => s.GetProperty("logStreamName").GetString()).ShouldBe(["authenticator-0123", "kube-apiserver-audit-0123"]);
        streams[1].GetProperty("firstEventTimestamp").GetInt64().ShouldBe(10_000);
        streams[1].GetProperty("lastEventTimestamp").GetInt64().ShouldBe(10_400);
    }

    [Fact]
    public async Task DescribeLogStreams_UnknownGroup_ResourceNotFoundWithType()
    {
        var response = await _harness.SendAsync("POST", "/", "logs", "application/x-amz-json-1.1", Encoding.UTF8.GetBytes("""{"logGroupName":"/aws/eks/nope/cluster"}"""),
            Key, Secret, tamper: h => h["X-Amz-Target"] = "Logs_20140328.DescribeLogStreams");

        response.Status.ShouldBe(400);
        using var json = JsonDocument.Parse(response.Body);
        json.RootElement.GetProperty("__type").GetString().ShouldBe("ResourceNotFoundException");
        json.RootElement.GetProperty("message").GetString().ShouldBe("The specified log group does not exist.");
    }

    [Fact]
    public async Task GetLogEvents_LatestPageThenBackwardAndForwardTokens()
    {
        var (_, latest) = await CallAsync("GetLogEvents", new { logGroupName = "/aws/eks/demo/cluster", logStreamName = "kube-apiserver-audit-0123", limit = 2 });
        Messages(latest).ShouldBe(["audit 3 verb=get", "audit 4 verb=get"]);

        var (_, earlier) = await CallAsync("GetLogEvents", new
        {
            logGroupName = "/aws/eks/demo/cluster",
            logStreamName = "kube-apiserver-audit-0123",
            limit = 2,
            nextToken = latest.GetProperty("nextBackwardToken").GetString(),
        });
        Messages(earlier).ShouldBe(["audit 1 verb=get", "audit 2 verb=get"]);

        var forward = latest.GetProperty("nextForwardToken").GetString();
        var (_, end) = await CallAsync("GetLogEvents", new { logGroupName = "/aws/eks/demo/cluster", logStreamName = "kube-apiserver-audit-0123", nextToken = forward });
        Messages(end).ShouldBeEmpty();
        end.GetProperty("nextForwardToken").GetString().ShouldBe(forward);
    }

    [Fact]
    public async Task GetLogEvents_StartFromHeadAndTimeRange_EndExclusive()
    {
        var (_, body) = await CallAsync("GetLogEvents", new
        {
            logGroupName = "/aws/eks/demo/cluster",
            logStreamName = "kube-apiserver-audit-0123",
            startFromHead = true,
            startTime = 10_100,
            endTime = 10_300,
        });

        Messages(body).ShouldBe(["audit 1 verb=get", "audit 2 verb=get"]);
    }

    [Fact]
    public async Task FilterLogEvents_InterleavesStreamsByTimeEndInclusive_AndFilters()
    {
        var (_, all) = await CallAsync("FilterLogEvents", new { logGroupName = "/aws/eks/demo/cluster", endTime = 10_150 });
        Messages(all).ShouldBe(["audit 0 verb=get", "authenticator 0 access granted", "audit 1 verb=get", "authenticator 1 access granted"]);
        all.GetProperty("events")[1].GetProperty("logStreamName").GetString().ShouldBe("authenticator-0123");

        var (_, granted) = await CallAsync("FilterLogEvents", new { logGroupName = "/aws/eks/demo/cluster", filterPattern = "\"access granted\"" });
        Messages(granted).Count.ShouldBe(5);

        var (_, prefixed) = await CallAsync("FilterLogEvents", new { logGroupName = "/aws/eks/demo/cluster", logStreamNamePrefix = "kube-apiserver-audit" });
        Messages(prefixed).ShouldAllBe(m => m.StartsWith("audit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilterLogEvents_Limit_PagesWithNextTokenWithoutGapsOrRepeats()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var (status, page) = await CallAsync("FilterLogEvents", new { logGroupName = "/aws/eks/demo/cluster", limit = 3, nextToken = token });
            status.ShouldBe(200);
            seen.AddRange(Messages(page));
            token = page.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        seen.Count.ShouldBe(10);
        seen.Distinct().Count().ShouldBe(10);
    }

    [Fact]
    public async Task FilterLogEvents_LimitAboveModelMaximum_InvalidParameter()
    {
        var (status, body) = await CallAsync("FilterLogEvents", new { logGroupName = "/aws/eks/demo/cluster", limit = 10_001 });

        status.ShouldBe(400);
        body.GetProperty("__type").GetString().ShouldBe("InvalidParameterException");
    }
}
