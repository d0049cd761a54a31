using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class JobStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "jobs", "batch/v1")
{
    private const string MergePatch = "application/merge-patch+json";

    private const string Pi = """
        {"metadata":{"name":"pi"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl:5.34"}]}}},"status":{"succeeded":9}}
        """;

    [Fact]
    public async Task Create_Minimal_DefaultsGeneratedSelectorAndLabels()
    {
        var ns = await Server.CreateNamespaceAsync("job");
        var job = await CreateOkAsync(ns, Pi);
        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        job["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        job["status"]!.AsObject().Count.ShouldBe(0);
        var spec = job["spec"]!;
        spec["parallelism"]!.GetValue<long>().ShouldBe(1);
        spec["completions"]!.GetValue<long>().ShouldBe(1);
        spec["backoffLimit"]!.GetValue<long>().ShouldBe(6);
        spec["completionMode"]!.GetValue<string>().ShouldBe("NonIndexed");
        spec["suspend"]!.GetValue<bool>().ShouldBeFalse();
        spec["podReplacementPolicy"]!.GetValue<string>().ShouldBe("TerminatingOrFailed");
        spec["manualSelector"].ShouldBeNull();
        spec["selector"]!.ToJsonString().ShouldBe($$$"""{"matchLabels":{"batch.kubernetes.io/controller-uid":"{{{uid}}}"}}""");
        var labels = spec["template"]!["metadata"]!["labels"]!.AsObject();
        labels["batch.kubernetes.io/controller-uid"]!.GetValue<string>().ShouldBe(uid);
        labels["controller-uid"]!.GetValue<string>().ShouldBe(uid);
        labels["batch.kubernetes.io/job-name"]!.GetValue<string>().ShouldBe("pi");
        labels["job-name"]!.GetValue<string>().ShouldBe("pi");
        job["metadata"]!["labels"]!["job-name"]!.GetValue<string>().ShouldBe("pi");
        spec["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>().ShouldBe("IfNotPresent");

        (await ColumnsAsync(ns)).ShouldBe(["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"]);
        var row = await RowAsync(ns, "pi");
        row[1]!.GetValue<string>().ShouldBe("Running");
        row[2]!.GetValue<string>().ShouldBe("0/1");
        row[3]!.GetValue<string>().ShouldBe("");
        row[5]!.GetValue<string>().ShouldBe("pi");
        row[6]!.GetValue<string>().ShouldBe("perl:5.34");
        row[7]!.GetValue<string>().ShouldBe($"batch.kubernetes.io/controller-uid={uid}");
    }

    [Fact]
    public async Task Create_ParallelismOnly_CompletionsUnsetAndTableSaysOf()
    {
        var ns = await Server.CreateNamespaceAsync("job");
        var job = await CreateOkAsync(ns, Pi.Replace("\"spec\":{\"template\"", "\"spec\":{\"parallelism\":3,\"template\"", StringComparison.Ordinal));
        job["spec"]!["completions"].ShouldBeNull();
        (await RowAsync(ns, "pi"))[2]!.GetValue<string>().ShouldBe("0/1 of 3");
    }

    [Fact]
    public async Task Create_RestartPolicyAlwaysOrMissing_RequiredValidValues()
    {
        var always = await CreateInvalidAsync("default", Pi.Replace("\"Never\"", "\"Always\"", StringComparison.Ordinal));
        always["message"]!.GetValue<string>().ShouldBe("Job.batch \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
        var missing = await CreateInvalidAsync("default", Pi.Replace("\"restartPolicy\":\"Never\",", "", StringComparison.Ordinal));
        missing["message"]!.GetValue<string>().ShouldBe("Job.batch \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
    }

    [Fact]
    public async Task Create_BadCountsModeAndPolicy_UpstreamMessages()
    {
        var status = await CreateInvalidAsync("default", Pi.Replace("\"spec\":{\"template\"", "\"spec\":{\"backoffLimit\":-1,\"completionMode\":\"Sometimes\",\"podReplacementPolicy\":\"Never\",\"template\"", StringComparison.Ordinal));
        status["message"]!.GetValue<string>().ShouldBe("Job.batch \"pi\" is invalid: [spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0, spec.completionMode: Unsupported value: \"Sometimes\": supported values: \"NonIndexed\", \"Indexed\", spec.podReplacementPolicy: Unsupported value: \"Never\": supported values: \"Failed\", \"TerminatingOrFailed\"]");
    }

    [Fact]
    public async Task Create_ManualSelectorNotMatchingTemplate_Invalid()
    {
        var status = await CreateInvalidAsync("default", """
            {"metadata":{"name":"manual"},"spec":{"manualSelector":true,"selector":{"matchLabels":{"app":"a"}},
             "template":{"metadata":{"labels":{"app":"b"}},"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}
            """);
        status["message"]!.GetValue<string>().ShouldBe("Job.batch \"manual\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"b\"}: `selector` does not match template `labels`");
    }

    [Fact]
    public async Task Update_TemplateImmutableParallelismMutable_GenerationBumps()
    {
        var ns = await Server.CreateNamespaceAsync("job");
        await CreateOkAsync(ns, Pi);
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/pi", """{"spec":{"parallelism":2},"status":{"active":4}}""", MergePatch);
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        updated["status"]!.AsObject().Count.ShouldBe(0);

        var (badCode, bad, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/pi", """{"spec":{"completions":5,"template":{"spec":{"containers":[{"name":"pi","image":"perl:5.36"}]}}}}""", MergePatch);
        badCode.ShouldBe(422);
        bad!["message"]!.GetValue<string>().ShouldBe("Job.batch \"pi\" is invalid: [spec.completions: Invalid value: 5: field is immutable, spec.template: Invalid value: core.PodTemplateSpec{…}: field is immutable]");
    }

    [Fact]
    public async Task Update_SuspendedNeverStarted_SchedulingDirectivesMutable()
    {
        var ns = await Server.CreateNamespaceAsync("job");
        await CreateOkAsync(ns, Pi.Replace("\"spec\":{\"template\"", "\"spec\":{\"suspend\":true,\"template\"", StringComparison.Ordinal));
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/pi", """{"spec":{"template":{"spec":{"nodeSelector":{"zone":"a"}}}}}""", MergePatch);
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["spec"]!["template"]!["spec"]!["nodeSelector"]!["zone"]!.GetValue<string>().ShouldBe("a");
    }

    [Fact]
    public async Task StatusSubresource_SetsCompletion_SpecKept_TableComplete()
    {
        var ns = await Server.CreateNamespaceAsync("job");
        await CreateOkAsync(ns, Pi);
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/pi/status", """
            {"spec":{"parallelism":7},"status":{"succeeded":1,"startTime":"2024-01-01T00:00:00Z","completionTime":"2024-01-01T00:01:30Z",
             "conditions":[{"type":"Complete","status":"True"}]}}
            """, MergePatch);
        code.ShouldBe(200, status?.ToJsonString());
        status!["spec"]!["parallelism"]!.GetValue<long>().ShouldBe(1);
        status["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var row = await RowAsync(ns, "pi");
        row[1]!.GetValue<string>().ShouldBe("Complete");
        row[2]!.GetValue<string>().ShouldBe("1/1");
        row[3]!.GetValue<string>().ShouldBe("90s");

        var (badCode, bad, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/pi/status", """{"status":{"failed":-2}}""", MergePatch);
        badCode.ShouldBe(422);
        bad!["message"]!.GetValue<string>().ShouldBe("Job.batch \"pi\" is invalid: status.failed: Invalid value: -2: must be greater than or equal to 0");
    }

    [Fact]
    public async Task Create_StringParallelism_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection("default"), Pi.Replace("\"spec\":{\"template\"", "\"spec\":{\"parallelism\":\"two\",\"template\"", StringComparison.Ordinal));
        code.ShouldBe(400, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldContain("JobSpec.spec.parallelism of type int32");
    }

}
