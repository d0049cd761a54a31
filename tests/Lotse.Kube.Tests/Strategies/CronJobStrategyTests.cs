using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class CronJobStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "cronjobs", "batch/v1")
{
    private const string MergePatch = "application/merge-patch+json";

    private const string Hello = """
        {"metadata":{"name":"hello"},"spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"hello","image":"busybox"}]}}}}}}
        """;

    private static string WithSchedule(string schedule) => Hello.Replace("*/5 * * * *", schedule, StringComparison.Ordinal);

    [Fact]
    public async Task StrategicPatch_TemplateContainer_MergedByNameNotReplaced()
    {
        var ns = await Server.CreateNamespaceAsync("cj-smp");
        await CreateOkAsync(ns, Hello.Replace("\"image\":\"busybox\"", "\"image\":\"busybox\",\"command\":[\"date\"]", StringComparison.Ordinal));

        // What `kubectl set image` and client-side apply send: one container named, its other fields kept.
        var (code, patched, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/hello",
            """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"hello","image":"busybox:1.37"}]}}}}}}""",
            "application/strategic-merge-patch+json");

        code.ShouldBe(200, patched?.ToJsonString());
        var container = patched!["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["image"]!.GetValue<string>().ShouldBe("busybox:1.37");
        container["command"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["date"]);
    }

    [Fact]
    public async Task Create_Minimal_DefaultsAndTable()
    {
        var ns = await Server.CreateNamespaceAsync("cj");
        var cronJob = await CreateOkAsync(ns, Hello);
        cronJob["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        cronJob["status"]!.AsObject().Count.ShouldBe(0);
        var spec = cronJob["spec"]!;
        spec["concurrencyPolicy"]!.GetValue<string>().ShouldBe("Allow");
        spec["suspend"]!.GetValue<bool>().ShouldBeFalse();
        spec["successfulJobsHistoryLimit"]!.GetValue<long>().ShouldBe(3);
        spec["failedJobsHistoryLimit"]!.GetValue<long>().ShouldBe(1);
        var jobSpec = spec["jobTemplate"]!["spec"]!;
        jobSpec["backoffLimit"].ShouldBeNull();
        jobSpec["template"]!["spec"]!["dnsPolicy"]!.GetValue<string>().ShouldBe("ClusterFirst");

        (await ColumnsAsync(ns)).ShouldBe(["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector"]);
        var row = await RowAsync(ns, "hello");
        row[1]!.GetValue<string>().ShouldBe("*/5 * * * *");
        row[2]!.GetValue<string>().ShouldBe("<none>");
        row[3]!.GetValue<string>().ShouldBe("False");
        row[4]!.GetValue<long>().ShouldBe(0);
        row[5]!.GetValue<string>().ShouldBe("<none>");
        row[7]!.GetValue<string>().ShouldBe("hello");
        row[8]!.GetValue<string>().ShouldBe("busybox");
        row[9]!.GetValue<string>().ShouldBe("<none>");
    }

    [Fact]
    public async Task Create_DescriptorsAndTimeZone_Accepted()
    {
        var ns = await Server.CreateNamespaceAsync("cj");
        await CreateOkAsync(ns, WithSchedule("@hourly"));
        var zoned = await CreateOkAsync(ns, Hello.Replace("\"hello\"},\"spec\":{", "\"zoned\"},\"spec\":{\"timeZone\":\"Europe/Berlin\",", StringComparison.Ordinal).Replace("*/5 * * * *", "0 9 * jan-mar mon-fri", StringComparison.Ordinal));
        zoned["spec"]!["timeZone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        (await RowAsync(ns, "zoned"))[2]!.GetValue<string>().ShouldBe("Europe/Berlin");
    }

    [Fact]
    public async Task Create_BadSchedules_ParserMessages()
    {
        var fields = await CreateInvalidAsync("default", WithSchedule("* * * *"));
        fields["message"]!.GetValue<string>().ShouldBe("CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * * *]");
        var range = await CreateInvalidAsync("default", WithSchedule("61 * * * *"));
        range["message"]!.GetValue<string>().ShouldBe("CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61");
        var tz = await CreateInvalidAsync("default", WithSchedule("TZ=UTC 0 * * * *"));
        tz["message"]!.GetValue<string>().ShouldBe("CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        var descriptor = await CreateInvalidAsync("default", WithSchedule("@sometimes"));
        descriptor["message"]!.GetValue<string>().ShouldBe("CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"@sometimes\": unrecognized descriptor: @sometimes");
    }

    [Fact]
    public async Task Create_BadTimeZonePolicyAndSelector_UpstreamMessages()
    {
        var status = await CreateInvalidAsync("default", """
            {"metadata":{"name":"bad"},"spec":{"schedule":"0 0 * * *","timeZone":"Mars/Olympus","concurrencyPolicy":"Sometimes",
             "jobTemplate":{"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}}}
            """);
        status["message"]!.GetValue<string>().ShouldBe("CronJob.batch \"bad\" is invalid: [spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus, spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\", spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"a\":\"b\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated]");
        var restart = await CreateInvalidAsync("default", Hello.Replace("\"OnFailure\"", "\"Always\"", StringComparison.Ordinal));
        restart["message"]!.GetValue<string>().ShouldBe("CronJob.batch \"hello\" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
    }

    [Fact]
    public async Task Update_SuspendBumpsGeneration_StatusThroughSubresource()
    {
        var ns = await Server.CreateNamespaceAsync("cj");
        await CreateOkAsync(ns, Hello);
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/hello", """{"spec":{"suspend":true},"status":{"lastScheduleTime":"2024-01-01T00:00:00Z"}}""", MergePatch);
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        updated["status"]!.AsObject().Count.ShouldBe(0);

        var (statusCode, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/hello/status", """{"spec":{"schedule":"@daily"},"status":{"lastScheduleTime":"2024-01-01T00:00:00Z","active":[{"kind":"Job","name":"hello-1"}]}}""", MergePatch);
        statusCode.ShouldBe(200, status?.ToJsonString());
        status!["spec"]!["schedule"]!.GetValue<string>().ShouldBe("*/5 * * * *");
        var row = await RowAsync(ns, "hello");
        row[3]!.GetValue<string>().ShouldBe("True");
        row[4]!.GetValue<long>().ShouldBe(1);
        row[5]!.GetValue<string>().ShouldNotBe("<none>");
    }

    [Fact]
    public async Task Create_WrongTypes_DecodeErrors()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection("default"), Hello.Replace("\"spec\":{\"schedule\"", "\"spec\":{\"suspend\":\"yes\",\"schedule\"", StringComparison.Ordinal));
        code.ShouldBe(400, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("CronJob in version \"v1\" cannot be handled as a CronJob: json: cannot unmarshal string into Go struct field CronJobSpec.spec.suspend of type bool");
        var (scheduleCode, schedule, _) = await Http.PostJsonAsync(Collection("default"), Hello.Replace("\"*/5 * * * *\"", "5", StringComparison.Ordinal));
        scheduleCode.ShouldBe(400, schedule?.ToJsonString());
        schedule!["message"]!.GetValue<string>().ShouldBe("CronJob in version \"v1\" cannot be handled as a CronJob: json: cannot unmarshal number into Go struct field CronJobSpec.spec.schedule of type string");
    }

    [Theory]
    [InlineData("0 0 * * *", null)]
    [InlineData("*/15 1-5,22 ? * sun,sat", null)]
    [InlineData("@every 1h30m", null)]
    [InlineData("0 0 * * 7", "end of range (7) above maximum (6): 7")]
    [InlineData("0 0 31-1 * *", "beginning of range (31) beyond end of range (1): 31-1")]
    [InlineData("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("0 0 * * * *", "expected exactly 5 fields, found 6: [0 0 * * * *]")]
    [InlineData("*/0 * * * *", "step of range should be a positive number: */0")]
    [InlineData("@every soon", "failed to parse duration @every soon: time: invalid duration \"soon\"")]
    public void CronSchedule_ParseError_MatchesParser(string schedule, string? expected) =>
        CronSchedule.ParseError(schedule).ShouldBe(expected);
}
