using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Api;

/// <summary>Malformed or hostile bodies get a 4xx Status, never a 500, and never reach the store.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class BadInputTests(KubeServerFixture server)
{
    public static TheoryData<string> Bodies() => new(
        """{"metadata":{"name":"dup"},"data":{"a":"1","a":"2"}}""",
        """{"metadata":{"name":"lbl","labels":"x"}}""",
        """{"metadata":{"name":"ann","annotations":{"a":1}}}""",
        """{"metadata":{"name":7}}""",
        """{"metadata":{"name":"fin","finalizers":"x"}}""",
        """{"metadata":"x"}""",
        """[]""",
        """null""",
        "",
        new string('[', 5000) + new string(']', 5000),
        "{\"metadata\":{\"name\":\"deep\"},\"data\":" + string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000) + "}",
        """{"metadata":{"name":"svc"},"spec":"x"}""",
        """{"metadata":{"name":"svc2"},"spec":{"ports":[{"port":"80"}]}}""",
        """{"metadata":{"name":"svc3"},"spec":{"ports":"x"}}""");

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Create_MalformedBody_ClientErrorNot500(string body)
    {
        using var http = server.CreateHttpClient();
        foreach (var resource in new[] { "configmaps", "services" })
        {
            var (code, status, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/default/{resource}?fieldValidation=Strict", body);
            code.ShouldBeInRange(400, 499, $"{resource}: {status?.ToJsonString()} {string.Join("\n", server.Log.Entries)}");
            status!["kind"]!.GetValue<string>().ShouldBe("Status");
        }
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/metadata/name","value":"renamed"}]""", "application/json-patch+json", 400)]
    [InlineData("""[{"op":"add","path":"/metadata","value":"x"}]""", "application/json-patch+json", 400)]
    [InlineData("""{"metadata":{"labels":{"bad key":"x"}}}""", "application/merge-patch+json", 422)]
    [InlineData("""{"data":{"a":5}}""", "application/strategic-merge-patch+json", 400)]
    [InlineData("""[1,2]""", "application/merge-patch+json", 400)]
    [InlineData("""{bad""", "application/merge-patch+json", 400)]
    [InlineData("""[{"op":"move","from":"/data","path":"/data/x"}]""", "application/json-patch+json", 422)]
    public async Task Patch_BadPatch_ClientError(string patch, string contentType, int expected)
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("bad");
        (await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"p"},"data":{"a":"1"}}""")).Code.ShouldBe(201);
        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/p", patch, contentType);
        code.ShouldBe(expected, status?.ToJsonString());
        var (_, current, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps/p");
        current!["data"]!["a"]!.GetValue<string>().ShouldBe("1");
    }
}
