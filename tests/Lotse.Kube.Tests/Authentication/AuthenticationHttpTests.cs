using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Authentication;

/// <summary>Anonymous requests, impersonation and the reviews over HTTP against the in-test server.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class AuthenticationHttpTests(KubeServerFixture server)
{
    [Fact]
    public async Task Request_NoToken_AnonymousIsForbiddenNotUnauthorized()
    {
        using var http = server.CreateHttpClient(token: null);
        var (code, body, _) = await http.GetJsonAsync("api/v1/namespaces/default/configmaps");
        code.ShouldBe(403);
        body!["message"]!.GetValue<string>().ShouldBe("configmaps is forbidden: User \"system:anonymous\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"");
        var discovery = await http.GetJsonAsync("api");
        discovery.Code.ShouldBe(403);
        discovery.Body!["message"]!.GetValue<string>().ShouldBe("forbidden: User \"system:anonymous\" cannot get path \"/api\"");
        (await http.GetAsync("version")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_UnknownToken_Unauthorized()
    {
        using var http = server.CreateHttpClient(token: "nobody-knows-this");
        (await http.GetJsonAsync("api/v1/namespaces")).Code.ShouldBe(401);
    }

    [Fact]
    public async Task SelfSubjectReview_Impersonated_ShowsImpersonatedUser()
    {
        using var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Add("Impersonate-User", "bob");
        http.DefaultRequestHeaders.Add("Impersonate-Group", "system:masters");
        http.DefaultRequestHeaders.Add("Impersonate-Extra-Team", "blue");
        var (code, body, _) = await http.SendJsonAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/selfsubjectreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""");
        code.ShouldBe(201);
        body!["kind"]!.GetValue<string>().ShouldBe("SelfSubjectReview");
        var info = body["status"]!["userInfo"]!;
        info["username"]!.GetValue<string>().ShouldBe("bob");
        info["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["system:masters", "system:authenticated"]);
        info["extra"]!["team"]!.AsArray().Single()!.GetValue<string>().ShouldBe("blue");
    }

    [Fact]
    public async Task Impersonation_GroupWithoutUser_PlainText500()
    {
        using var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Add("Impersonate-Group", "g1");
        var response = await http.GetAsync("api/v1/namespaces");
        ((int)response.StatusCode).ShouldBe(500);
        (await response.Content.ReadAsStringAsync()).ShouldBe($"Internal Server Error: \"/clusters/{server.Cluster.Id}/api/v1/namespaces\": requested [{{Group  g1    }}] without impersonating a user\n");
    }

    [Fact]
    public async Task Impersonation_ByNonAdmin_Forbidden()
    {
        using var http = server.CreateHttpClient(TestAuthenticator.ViewerToken);
        http.DefaultRequestHeaders.Add("Impersonate-User", "admin");
        var (code, body, _) = await http.GetJsonAsync("api/v1/namespaces");
        code.ShouldBe(403);
        body!["message"]!.GetValue<string>().ShouldBe("users \"admin\" is forbidden: User \"viewer\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    }

    [Fact]
    public async Task SelfSubjectAccessReview_Admin_AllowedAndInvalidRefused()
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.SendJsonAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"configmaps"}}}""");
        code.ShouldBe(201);
        body!["status"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
        body["spec"]!["resourceAttributes"]!["resource"]!.GetValue<string>().ShouldBe("configmaps");

        var invalid = await http.SendJsonAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/selfsubjectaccessreviews", """{"spec":{}}""");
        invalid.Code.ShouldBe(422);
        invalid.Body!["message"]!.GetValue<string>().ShouldBe(".authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");

        var get = await http.GetJsonAsync("apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
        get.Code.ShouldBe(405);
    }

    [Fact]
    public async Task SubjectAccessReview_NamedUser_AskedAsThatUser()
    {
        using var http = server.CreateHttpClient();
        var spec = """{"resourceAttributes":{"namespace":"default","verb":"get","resource":"secrets"},"user":"eve","groups":["devs"]}""";
        var denied = await http.SendJsonAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/subjectaccessreviews", $$"""{"spec":{{spec}}}""");
        denied.Code.ShouldBe(201);
        denied.Body!["status"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();

        var local = await http.SendJsonAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews",
            """{"spec":{"resourceAttributes":{"namespace":"default","verb":"get","resource":"secrets"},"groups":["system:masters"]}}""");
        local.Code.ShouldBe(201);
        local.Body!["status"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
        local.Body["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("default");

        var mismatch = await http.SendJsonAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews",
            """{"spec":{"resourceAttributes":{"namespace":"other","verb":"get","resource":"secrets"},"user":"u"}}""");
        mismatch.Code.ShouldBe(422);
        mismatch.Body!["message"]!.GetValue<string>().ShouldBe(".authorization.k8s.io \"\" is invalid: spec.resourceAttributes.namespace: Invalid value: \"other\": must match metadata.namespace");
    }

    [Fact]
    public async Task SelfSubjectRulesReview_NoNamespace_BadRequest()
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.SendJsonAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/selfsubjectrulesreviews", """{"spec":{}}""");
        code.ShouldBe(400);
        body!["message"]!.GetValue<string>().ShouldBe("no namespace on request");
        var ok = await http.SendJsonAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/selfsubjectrulesreviews", """{"spec":{"namespace":"default"}}""");
        ok.Code.ShouldBe(201);
        ok.Body!["status"]!["incomplete"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Discovery_Reviews_ListedCreateOnly()
    {
        using var http = server.CreateHttpClient();
        var (_, body, _) = await http.GetJsonAsync("apis/authorization.k8s.io/v1");
        var ssar = body!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "selfsubjectaccessreviews")!;
        ssar["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["create"]);
        var core = (await http.GetJsonAsync("api/v1")).Body!;
        var token = core["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "serviceaccounts/token")!;
        (token["group"]!.GetValue<string>(), token["kind"]!.GetValue<string>()).ShouldBe(("authentication.k8s.io", "TokenRequest"));
        var aggregated = (await http.GetJsonAsync("api", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")).Body!;
        var sa = aggregated["items"]![0]!["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "serviceaccounts")!;
        sa["subresources"]![0]!["subresource"]!.GetValue<string>().ShouldBe("token");
    }
}
