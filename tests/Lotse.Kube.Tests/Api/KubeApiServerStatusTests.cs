using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Api;

[Collection(KubeServerCollection.Name)]
public sealed class KubeApiServerStatusTests(KubeServerFixture server)
{
    [Fact]
    public async Task Get_MissingConfigMap_NotFoundStatusWithDetails()
    {
        using var http = server.CreateHttpClient();
        var (code, body, response) = await http.GetJsonAsync("api/v1/namespaces/default/configmaps/nope");
        code.ShouldBe(404);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        body!["kind"]!.GetValue<string>().ShouldBe("Status");
        body["status"]!.GetValue<string>().ShouldBe("Failure");
        body["reason"]!.GetValue<string>().ShouldBe("NotFound");
        body["message"]!.GetValue<string>().ShouldBe("configmaps \"nope\" not found");
        body["details"]!["name"]!.GetValue<string>().ShouldBe("nope");
        body["details"]!["kind"]!.GetValue<string>().ShouldBe("configmaps");
        body["code"]!.GetValue<int>().ShouldBe(404);
    }

    [Fact]
    public async Task Request_NoToken_AnonymousForbidden()
    {
        // EKS runs with anonymous auth: no token is system:anonymous, refused by authorization (a rejected token stays 401).
        using var http = server.CreateHttpClient(token: null);
        var (code, body, _) = await http.GetJsonAsync("api/v1/namespaces");
        code.ShouldBe(403);
        body!["reason"]!.GetValue<string>().ShouldBe("Forbidden");
        body["message"]!.GetValue<string>().ShouldBe("namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
    }

    [Theory]
    [InlineData(TestAuthenticator.RejectedToken)]
    [InlineData("unknown-token")]
    public async Task Request_BadToken_Unauthorized(string token)
    {
        using var http = server.CreateHttpClient(token);
        var (code, _, _) = await http.GetJsonAsync("api/v1/namespaces");
        code.ShouldBe(401);
    }

    [Fact]
    public async Task Get_NonMaster_ForbiddenWithUpstreamMessage()
    {
        using var http = server.CreateHttpClient(TestAuthenticator.ViewerToken);
        var (code, body, _) = await http.GetJsonAsync("api/v1/namespaces/default/configmaps/x");
        code.ShouldBe(403);
        body!["reason"]!.GetValue<string>().ShouldBe("Forbidden");
        body["message"]!.GetValue<string>().ShouldBe("configmaps \"x\" is forbidden: User \"viewer\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"default\"");
    }

    [Fact]
    public async Task List_NonMasterClusterScope_ForbiddenAtClusterScope()
    {
        using var http = server.CreateHttpClient(TestAuthenticator.ViewerToken);
        var (code, body, _) = await http.GetJsonAsync("api/v1/namespaces");
        code.ShouldBe(403);
        body!["message"]!.GetValue<string>().ShouldBe("namespaces is forbidden: User \"viewer\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
    }

    [Fact]
    public async Task Version_NoToken_ServesVersionInfo()
    {
        using var http = server.CreateHttpClient(token: null);
        var (code, body, _) = await http.GetJsonAsync("version?timeout=5s");
        code.ShouldBe(200);
        body!["major"]!.GetValue<string>().ShouldBe("1");
        body["minor"]!.GetValue<string>().ShouldBe("32");
        body["gitVersion"]!.GetValue<string>().ShouldStartWith("v1.32.");
        foreach (var field in new[] { "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform" })
        {
            body[field].ShouldNotBeNull();
        }
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("livez")]
    [InlineData("readyz")]
    public async Task Health_NoToken_Ok(string path)
    {
        using var http = server.CreateHttpClient(token: null);
        var response = await http.GetAsync(path);
        ((int)response.StatusCode).ShouldBe(200);
        (await response.Content.ReadAsStringAsync()).ShouldBe("ok");
    }

    [Fact]
    public async Task Request_UnknownCluster_NotFoundStatus()
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.GetJsonAsync($"https://127.0.0.1:{server.Port}/clusters/NOPE/api/v1/namespaces");
        code.ShouldBe(404);
        body!["kind"]!.GetValue<string>().ShouldBe("Status");
    }

    [Fact]
    public async Task Create_ExistingName_AlreadyExists()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var cm = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"},"data":{"a":"b"}}""";
        (await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", cm)).Code.ShouldBe(201);
        var (code, body, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", cm);
        code.ShouldBe(409);
        body!["reason"]!.GetValue<string>().ShouldBe("AlreadyExists");
        body["message"]!.GetValue<string>().ShouldBe("configmaps \"dup\" already exists");
    }

    [Fact]
    public async Task Create_MissingNamespace_NamespaceNotFound()
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.PostJsonAsync("api/v1/namespaces/does-not-exist/configmaps", """{"metadata":{"name":"x"}}""");
        code.ShouldBe(404);
        body!["message"]!.GetValue<string>().ShouldBe("namespaces \"does-not-exist\" not found");
    }

    [Fact]
    public async Task Create_InvalidName_InvalidWithCauses()
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.PostJsonAsync("api/v1/namespaces/default/configmaps", """{"metadata":{"name":"Bad_Name"}}""");
        code.ShouldBe(422);
        body!["reason"]!.GetValue<string>().ShouldBe("Invalid");
        body["message"]!.GetValue<string>().ShouldStartWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of");
        var cause = body["details"]!["causes"]![0]!;
        cause["reason"]!.GetValue<string>().ShouldBe("FieldValueInvalid");
        cause["field"]!.GetValue<string>().ShouldBe("metadata.name");
        body["details"]!["kind"]!.GetValue<string>().ShouldBe("ConfigMap");
    }

    [Fact]
    public async Task Create_NamespaceMismatch_BadRequest()
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.PostJsonAsync("api/v1/namespaces/default/configmaps", """{"metadata":{"name":"x","namespace":"kube-system"}}""");
        code.ShouldBe(400);
        body!["message"]!.GetValue<string>().ShouldBe("the namespace of the provided object does not match the namespace sent on the request");
    }

    [Theory]
    [InlineData("{bad", "couldn't get version/kind; json parse error: invalid character 'b' looking for beginning of object key string")]
    [InlineData("""{"apiVersion":"v2","kind":"ConfigMap","metadata":{"name":"x"}}""", "the API version in the data (v2) does not match the expected API version (v1)")]
    public async Task Create_BadBody_BadRequestWithDecoderMessage(string body, string message)
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.PostJsonAsync("api/v1/namespaces/default/configmaps", body);
        code.ShouldBe(400);
        status!["reason"]!.GetValue<string>().ShouldBe("BadRequest");
        status["message"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task Create_TooLargeBody_RequestEntityTooLarge()
    {
        using var http = server.CreateHttpClient();
        var big = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\"" + new string('x', 3 * 1024 * 1024 + 10) + "\"}}";
        var (code, status, _) = await http.PostJsonAsync("api/v1/namespaces/default/configmaps", big);
        code.ShouldBe(413);
        status!["reason"]!.GetValue<string>().ShouldBe("RequestEntityTooLarge");
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Conflict()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var (_, created, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var rv = created!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var update = $$$"""{"metadata":{"name":"c","resourceVersion":"{{{rv}}}"},"data":{"a":"2"}}""";
        var (code1, updated, _) = await http.SendJsonAsync(HttpMethod.Put, $"api/v1/namespaces/{ns}/configmaps/c", update);
        code1.ShouldBe(200);
        updated!["data"]!["a"]!.GetValue<string>().ShouldBe("2");
        long.Parse(updated["metadata"]!["resourceVersion"]!.GetValue<string>()).ShouldBeGreaterThan(long.Parse(rv));
        var (code2, conflict, _) = await http.SendJsonAsync(HttpMethod.Put, $"api/v1/namespaces/{ns}/configmaps/c", update);
        code2.ShouldBe(409);
        conflict!["reason"]!.GetValue<string>().ShouldBe("Conflict");
        conflict["message"]!.GetValue<string>().ShouldBe("Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again");
    }

    [Fact]
    public async Task Delete_Existing_SuccessStatusWithUid()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var (_, created, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"d"}}""");
        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Delete, $"api/v1/namespaces/{ns}/configmaps/d");
        code.ShouldBe(200);
        status!["status"]!.GetValue<string>().ShouldBe("Success");
        status["details"]!["uid"]!.GetValue<string>().ShouldBe(created!["metadata"]!["uid"]!.GetValue<string>());
        (await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps/d")).Code.ShouldBe(404);
    }

    [Fact]
    public async Task Delete_DefaultNamespace_Forbidden()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Delete, "api/v1/namespaces/default");
        code.ShouldBe(403);
        status!["message"]!.GetValue<string>().ShouldBe("namespaces \"default\" is forbidden: this namespace may not be deleted");
    }

    [Fact]
    public async Task Post_ToNamedObject_MethodNotAllowed()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.PostJsonAsync("api/v1/namespaces/default/configmaps/x", "{}");
        code.ShouldBe(405);
        status!["reason"]!.GetValue<string>().ShouldBe("MethodNotAllowed");
    }

    [Fact]
    public async Task List_UnknownFieldSelector_BadRequest()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.GetJsonAsync("api/v1/namespaces/default/configmaps?fieldSelector=spec.foo%3Dbar");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("field label not supported: spec.foo");
    }

    [Fact]
    public async Task Create_StrictUnknownField_BadRequest()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.PostJsonAsync("api/v1/namespaces/default/configmaps?fieldValidation=Strict", """{"metadata":{"name":"s"},"foo":1}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"foo\"");
    }

    [Fact]
    public async Task Create_WarnUnknownField_CreatedWithWarningAndFieldDropped()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var (code, obj, response) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"w"},"foo":1}""");
        code.ShouldBe(201);
        response.Headers.GetValues("Warning").ShouldContain("299 - \"unknown field \\\"foo\\\"\"");
        obj!.AsObject().ContainsKey("foo").ShouldBeFalse();
    }

    [Fact]
    public async Task Create_DryRun_NothingStored()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var (code, obj, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps?dryRun=All", """{"metadata":{"name":"dry"}}""");
        code.ShouldBe(201);
        obj!["metadata"]!["uid"].ShouldNotBeNull();
        (await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps/dry")).Code.ShouldBe(404);
    }

    [Fact]
    public async Task Create_GenerateName_NameGenerated()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var (code, obj, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"generateName":"gen-"}}""");
        code.ShouldBe(201);
        var name = obj!["metadata"]!["name"]!.GetValue<string>();
        name.ShouldStartWith("gen-");
        name.Length.ShouldBe(9);
    }

    [Fact]
    public async Task Create_Yaml_Created()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  n: \"1\"\n";
        var (code, obj, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps", yaml, "application/yaml");
        code.ShouldBe(201);
        obj!["data"]!["n"]!.GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public async Task Create_SecretBadBase64_BadRequest()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.PostJsonAsync("api/v1/namespaces/default/secrets", """{"metadata":{"name":"s"},"data":{"k":"not base64!"}}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldStartWith("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte");
    }

    [Fact]
    public async Task Create_DuplicateFieldStrict_BadRequest()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.PostJsonAsync("api/v1/namespaces/default/configmaps?fieldValidation=Strict", """{"metadata":{"name":"dupf"},"data":{"a":"1","a":"2"}}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: duplicate field \"data.a\"");
    }

    [Fact]
    public async Task Create_DuplicateFieldIgnore_LastValueWins()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync();
        var (code, obj, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps?fieldValidation=Ignore", """{"metadata":{"name":"dupl"},"data":{"a":"1","a":"2"}}""");
        code.ShouldBe(201);
        obj!["data"]!["a"]!.GetValue<string>().ShouldBe("2");
    }

    [Fact]
    public async Task Request_NonMasterNonResource_ForbiddenPathMessage()
    {
        using var http = server.CreateHttpClient(TestAuthenticator.ViewerToken);
        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Post, "api", "{}");
        code.ShouldBe(403);
        status!["message"]!.GetValue<string>().ShouldBe("forbidden: User \"viewer\" cannot post path \"/api\"");
    }
}
