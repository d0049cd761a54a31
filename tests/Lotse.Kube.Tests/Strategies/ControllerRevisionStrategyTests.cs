using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ControllerRevisionStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "controllerrevisions", "apps/v1")
{
    private const string Revision = """
        {"metadata":{"name":"db-5d8c7","ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"8b5e5b36-5c3a-4d0f-9d55-3c6f4b0f0a11","controller":true}]},
         "data":{"spec":{"template":{"metadata":{"labels":{"app":"db"}}}}},"revision":3}
        """;

    [Fact]
    public async Task Create_RowShowsControllerAndRevision()
    {
        var ns = await Server.CreateNamespaceAsync();
        var obj = await CreateOkAsync(ns, Revision);
        obj["revision"]!.GetValue<long>().ShouldBe(3);
        obj["data"]!["spec"]!["template"]!["metadata"]!["labels"]!["app"]!.GetValue<string>().ShouldBe("db");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Controller", "Revision", "Age"]);
        var row = await RowAsync(ns, "db-5d8c7");
        row[0]!.GetValue<string>().ShouldBe("db-5d8c7");
        row[1]!.GetValue<string>().ShouldBe("statefulset.apps/db");
        row[2]!.GetValue<long>().ShouldBe(3);
        row[3]!.GetValue<string>().ShouldMatch(@"^\d+s$");

        await CreateOkAsync(ns, """{"metadata":{"name":"orphan"},"data":{},"revision":0}""");
        (await RowAsync(ns, "orphan"))[1]!.GetValue<string>().ShouldBe("<none>");
    }

    [Fact]
    public async Task Create_NoDataNegativeRevision_UpstreamMessages()
    {
        var status = await CreateInvalidAsync(await Server.CreateNamespaceAsync(), """{"metadata":{"name":"bad"},"revision":-1}""");
        status["message"]!.GetValue<string>().ShouldBe("ControllerRevision.apps \"bad\" is invalid: [data: Required value: data is mandatory, revision: Invalid value: -1: must be greater than or equal to 0]");
    }

    [Fact]
    public async Task Create_RevisionNotANumber_DecodeError()
    {
        var ns = await Server.CreateNamespaceAsync();
        var (code, status, _) = await Http.PostJsonAsync(Collection(ns), """{"metadata":{"name":"typed"},"data":{},"revision":"3"}""");
        code.ShouldBe(400, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldEndWith("json: cannot unmarshal string into Go struct field ControllerRevision.revision of type int64");
    }

    [Fact]
    public async Task Update_DataImmutable_RevisionMayChange()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Revision);
        var (okCode, ok, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/db-5d8c7", """{"revision":4}""", "application/merge-patch+json");
        okCode.ShouldBe(200, ok?.ToJsonString());
        ok!["revision"]!.GetValue<long>().ShouldBe(4);
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/db-5d8c7", """{"data":{"spec":null}}""", "application/merge-patch+json");
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("ControllerRevision.apps \"db-5d8c7\" is invalid: data: Invalid value: {}: field is immutable");
    }
}
