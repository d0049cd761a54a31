using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class StatefulSetStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "statefulsets", "apps/v1")
{
    private const string Db = """
        {"metadata":{"name":"db"},"spec":{"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
         "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"pg","image":"postgres:16"}]}},
         "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
        """;

    [Fact]
    public async Task Create_Minimal_UpstreamDefaults()
    {
        var obj = await CreateOkAsync(await Server.CreateNamespaceAsync(), Db);
        obj["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        obj["status"]!.ToJsonString().ShouldBe("""{"replicas":0,"availableReplicas":0}""");
        var spec = obj["spec"]!;
        spec["replicas"]!.GetValue<long>().ShouldBe(1);
        spec["podManagementPolicy"]!.GetValue<string>().ShouldBe("OrderedReady");
        spec["updateStrategy"]!.ToJsonString().ShouldBe("""{"type":"RollingUpdate","rollingUpdate":{"partition":0}}""");
        spec["revisionHistoryLimit"]!.GetValue<long>().ShouldBe(10);
        spec["persistentVolumeClaimRetentionPolicy"]!.ToJsonString().ShouldBe("""{"whenDeleted":"Retain","whenScaled":"Retain"}""");
        spec["template"]!["spec"]!["restartPolicy"]!.GetValue<string>().ShouldBe("Always");
        spec["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>().ShouldBe("IfNotPresent");
        var claim = spec["volumeClaimTemplates"]![0]!;
        claim["spec"]!["volumeMode"]!.GetValue<string>().ShouldBe("Filesystem");
        claim["status"]!["phase"]!.GetValue<string>().ShouldBe("Pending");
    }

    [Fact]
    public async Task Create_OnDeleteWithoutServiceName_NoRollingUpdateDefaults()
    {
        var body = Db.Replace("\"serviceName\":\"db\",", "\"updateStrategy\":{\"type\":\"OnDelete\"},", StringComparison.Ordinal);
        var obj = await CreateOkAsync(await Server.CreateNamespaceAsync(), body);
        obj["spec"]!["updateStrategy"]!.ToJsonString().ShouldBe("""{"type":"OnDelete"}""");
        obj["spec"]!.AsObject().ContainsKey("serviceName").ShouldBeFalse();
    }

    [Fact]
    public async Task Create_BadPolicies_UpstreamMessages()
    {
        var ns = await Server.CreateNamespaceAsync();
        var body = Db.Replace("\"serviceName\":\"db\",", "\"serviceName\":\"db\",\"podManagementPolicy\":\"Random\",\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Keep\"},\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":{\"partition\":2}},", StringComparison.Ordinal);
        var status = await CreateInvalidAsync(ns, body);
        status["message"]!.GetValue<string>().ShouldBe(
            "StatefulSet.apps \"db\" is invalid: [spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel', " +
            "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:2, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate', " +
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: \"Delete\", \"Retain\"]");

        var partition = await CreateInvalidAsync(ns, Db.Replace("\"serviceName\":\"db\",", "\"updateStrategy\":{\"rollingUpdate\":{\"partition\":-1}},", StringComparison.Ordinal));
        partition["message"]!.GetValue<string>().ShouldBe("StatefulSet.apps \"db\" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0");
    }

    [Fact]
    public async Task Create_SelectorMismatchAndDeadline_StatefulSetMessagesAfterPolicy()
    {
        var body = Db.Replace("{\"labels\":{\"app\":\"db\"}},\"spec\":{", "{\"labels\":{\"app\":\"web\"}},\"spec\":{\"activeDeadlineSeconds\":5,", StringComparison.Ordinal)
            .Replace("\"serviceName\":\"db\",", "\"podManagementPolicy\":\"Random\",", StringComparison.Ordinal);
        var status = await CreateInvalidAsync(await Server.CreateNamespaceAsync(), body);
        status["message"]!.GetValue<string>().ShouldBe(
            "StatefulSet.apps \"db\" is invalid: [spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel', spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`, " +
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported]");
    }

    [Fact]
    public async Task Create_ReplicasAsString_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(await Server.CreateNamespaceAsync()), Db.Replace("\"serviceName\":\"db\",", "\"replicas\":\"3\",", StringComparison.Ordinal));
        code.ShouldBe(400, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldEndWith("json: cannot unmarshal string into Go struct field StatefulSet.spec.replicas of type int32");
    }

    [Fact]
    public async Task Update_AllowedFields_AcceptedAndGenerationBumps()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Db);
        var patched = await PatchAsync($"{Collection(ns)}/db", """{"spec":{"replicas":3,"minReadySeconds":5,"updateStrategy":{"rollingUpdate":{"partition":1}},"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}""");
        patched["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        patched["spec"]!["updateStrategy"]!["rollingUpdate"]!["partition"]!.GetValue<long>().ShouldBe(1);
        patched["spec"]!["persistentVolumeClaimRetentionPolicy"]!["whenScaled"]!.GetValue<string>().ShouldBe("Delete");
    }

    [Fact]
    public async Task StrategicPatch_ContainersMergedByName()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Db.Replace("\"image\":\"postgres:16\"", "\"image\":\"postgres:16\",\"ports\":[{\"containerPort\":5432}]", StringComparison.Ordinal));
        var (code, obj, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/db", """{"spec":{"template":{"spec":{"containers":[{"name":"pg","image":"postgres:17"}]}}}}""", "application/strategic-merge-patch+json");
        code.ShouldBe(200, obj?.ToJsonString());
        var container = obj!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["image"]!.GetValue<string>().ShouldBe("postgres:17");
        container["ports"]![0]!["containerPort"]!.GetValue<long>().ShouldBe(5432);
        obj["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Update_ServiceNameOrClaims_Forbidden()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Db);
        const string Message = "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
        foreach (var patch in new[] { """{"spec":{"serviceName":"other"}}""", """{"spec":{"volumeClaimTemplates":null}}""", """{"spec":{"podManagementPolicy":"Parallel"}}""" })
        {
            var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/db", patch, "application/merge-patch+json");
            code.ShouldBe(422, status?.ToJsonString());
            status!["message"]!.GetValue<string>().ShouldBe(Message);
        }
    }

    [Fact]
    public async Task StatusAndScale_SubresourcesServed()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Db);
        var status = await PatchAsync($"{Collection(ns)}/db/status", """{"spec":{"replicas":7},"status":{"replicas":1,"readyReplicas":1}}""");
        status["spec"]!["replicas"]!.GetValue<long>().ShouldBe(1);
        status["status"]!["readyReplicas"]!.GetValue<long>().ShouldBe(1);
        status["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);

        var (badCode, bad, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/db/status", """{"status":{"currentReplicas":-1}}""", "application/merge-patch+json");
        badCode.ShouldBe(422, bad?.ToJsonString());
        bad!["message"]!.GetValue<string>().ShouldBe("StatefulSet.apps \"db\" is invalid: status.currentReplicas: Invalid value: -1: must be greater than or equal to 0");

        var scale = await PatchAsync($"{Collection(ns)}/db/scale", """{"spec":{"replicas":4}}""");
        scale["kind"]!.GetValue<string>().ShouldBe("Scale");
        scale["status"]!["selector"]!.GetValue<string>().ShouldBe("app=db");
        var row = await RowAsync(ns, "db");
        row[1]!.GetValue<string>().ShouldBe("1/4");
    }

    [Fact]
    public async Task Table_Wide_ColumnsAndCells()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Db);
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Ready", "Age", "Containers", "Images"]);
        var row = await RowAsync(ns, "db");
        row[0]!.GetValue<string>().ShouldBe("db");
        row[1]!.GetValue<string>().ShouldBe("0/1");
        row[2]!.GetValue<string>().ShouldMatch(@"^\d+s$");
        row[3]!.GetValue<string>().ShouldBe("pg");
        row[4]!.GetValue<string>().ShouldBe("postgres:16");
    }

    private async Task<JsonNode> PatchAsync(string path, string patch)
    {
        var (code, obj, _) = await Http.SendJsonAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json");
        code.ShouldBe(200, obj?.ToJsonString());
        return obj!;
    }
}
