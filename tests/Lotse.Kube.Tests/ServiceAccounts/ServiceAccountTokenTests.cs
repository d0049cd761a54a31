using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.ServiceAccounts;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.ServiceAccounts;

/// <summary>TokenRequest, the JWT authenticator (checked through TokenReview and real requests) and legacy token secrets.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class ServiceAccountTokenTests(KubeServerFixture server)
{
    [Fact]
    public async Task TokenRequest_Defaults_ClaimsAsKubeApiserverAndVerifiableOutside()
    {
        var (ns, uid) = await CreateServiceAccountAsync("builder");
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/serviceaccounts/builder/token", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}""");
        code.ShouldBe(201, body?.ToJsonString());
        body!["kind"]!.GetValue<string>().ShouldBe("TokenRequest");
        body["spec"]!["expirationSeconds"]!.GetValue<long>().ShouldBe(3600);
        body["spec"]!["audiences"]!.AsArray().Single()!.GetValue<string>().ShouldBe("https://kubernetes.default.svc");
        var token = body["status"]!["token"]!.GetValue<string>();

        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        header["alg"]!.GetValue<string>().ShouldBe("ES256");
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        claims["iss"]!.GetValue<string>().ShouldBe(TestServiceAccountKeys.IssuerFor(server.Cluster));
        claims["sub"]!.GetValue<string>().ShouldBe($"system:serviceaccount:{ns}:builder");
        claims["aud"]!.AsArray().Single()!.GetValue<string>().ShouldBe("https://kubernetes.default.svc");
        (claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>()).ShouldBe(3600);
        claims["nbf"]!.GetValue<long>().ShouldBe(claims["iat"]!.GetValue<long>());
        claims["jti"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        claims["kubernetes.io"]!["namespace"]!.GetValue<string>().ShouldBe(ns);
        claims["kubernetes.io"]!["serviceaccount"]!["uid"]!.GetValue<string>().ShouldBe(uid);

        // Verified with nothing but the public key, as a relying party would.
        using var verifier = ECDsa.Create(server.ServiceAccountKeys.PublicKey);
        verifier.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();

        var review = await ReviewAsync(token);
        review["status"]!["authenticated"]!.GetValue<bool>().ShouldBeTrue();
        review["status"]!["user"]!["username"]!.GetValue<string>().ShouldBe($"system:serviceaccount:{ns}:builder");
        review["status"]!["user"]!["uid"]!.GetValue<string>().ShouldBe(uid);
        review["status"]!["user"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);
        review["status"]!["user"]!["extra"]!["authentication.kubernetes.io/credential-id"]![0]!.GetValue<string>().ShouldBe("JTI=" + claims["jti"]!.GetValue<string>());

        // The token authenticates real requests: the account is known (403 from authorization, not 401).
        using var asAccount = server.CreateHttpClient(token);
        var (listCode, listBody, _) = await asAccount.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps");
        listCode.ShouldBe(403);
        listBody!["message"]!.GetValue<string>().ShouldContain($"User \"system:serviceaccount:{ns}:builder\" cannot list");
    }

    [Fact]
    public async Task TokenRequest_ShortExpiryOrMissingAccount_Refused()
    {
        var (ns, _) = await CreateServiceAccountAsync("short");
        using var http = server.CreateHttpClient();
        var tooShort = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/serviceaccounts/short/token", """{"spec":{"expirationSeconds":60}}""");
        tooShort.Code.ShouldBe(422);
        tooShort.Body!["message"]!.GetValue<string>().ShouldBe("TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes");

        var missing = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/serviceaccounts/nobody/token", """{"spec":{}}""");
        missing.Code.ShouldBe(404);
        missing.Body!["message"]!.GetValue<string>().ShouldBe("serviceaccounts \"nobody\" not found");

        var pod = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/serviceaccounts/short/token", """{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0"}}}""");
        pod.Code.ShouldBe(404);
        pod.Body!["message"]!.GetValue<string>().ShouldBe("pods \"web-0\" not found");

        var configMap = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/serviceaccounts/short/token", """{"spec":{"boundObjectRef":{"kind":"ConfigMap","apiVersion":"v1","name":"c"}}}""");
        configMap.Code.ShouldBe(400);
        configMap.Body!["message"]!.GetValue<string>().ShouldBe("cannot bind token for serviceaccount \"short\" to object of type /v1, Kind=ConfigMap");
    }

    [Fact]
    public async Task Token_DeletedAccountOrBoundSecret_NoLongerAuthenticates()
    {
        var (ns, _) = await CreateServiceAccountAsync("gone");
        using var http = server.CreateHttpClient();
        (await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"anchor"}}""")).Code.ShouldBe(201);
        var bound = await IssueAsync(ns, "gone", """{"spec":{"boundObjectRef":{"kind":"Secret","apiVersion":"v1","name":"anchor"}}}""");
        var plain = await IssueAsync(ns, "gone", """{"spec":{}}""");
        JsonNode.Parse(Base64Url.DecodeFromChars(bound.Split('.')[1]))!["kubernetes.io"]!["secret"]!["name"]!.GetValue<string>().ShouldBe("anchor");
        (await ReviewAsync(bound))["status"]!["authenticated"]!.GetValue<bool>().ShouldBeTrue();

        (await http.DeleteAsync($"api/v1/namespaces/{ns}/secrets/anchor")).EnsureSuccessStatusCode();
        var afterSecret = await ReviewAsync(bound);
        afterSecret["status"]!["authenticated"]!.GetValue<bool>().ShouldBeFalse();
        afterSecret["status"]!["error"]!.GetValue<string>().ShouldBe("[invalid bearer token, service account token has been invalidated]");

        (await http.DeleteAsync($"api/v1/namespaces/{ns}/serviceaccounts/gone")).EnsureSuccessStatusCode();
        using var asAccount = server.CreateHttpClient(plain);
        (await asAccount.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps")).Code.ShouldBe(401);

        // Re-created under the same name, the account has a new uid: old tokens stay dead.
        await CreateServiceAccountAsync("gone", ns);
        (await ReviewAsync(plain))["status"]!["error"]!.GetValue<string>().ShouldStartWith("[invalid bearer token, service account UID (");
    }

    [Fact]
    public async Task Token_TamperedExpiredOrWrongAudience_Unauthorized()
    {
        var (ns, _) = await CreateServiceAccountAsync("checked");
        var token = await IssueAsync(ns, "checked", """{"spec":{"audiences":["vault"]}}""");

        // Issued for "vault": not for the API server, but TokenReview for that audience accepts it.
        using (var asAccount = server.CreateHttpClient(token))
        {
            (await asAccount.GetJsonAsync("api/v1/namespaces")).Code.ShouldBe(401);
        }

        (await ReviewAsync(token))["status"]!["error"]!.GetValue<string>()
            .ShouldBe("[invalid bearer token, token audiences [\"vault\"] is invalid for the target audiences [\"https://kubernetes.default.svc\"]]");
        var forVault = await ReviewAsync(token, """["vault","other"]""");
        forVault["status"]!["authenticated"]!.GetValue<bool>().ShouldBeTrue();
        forVault["status"]!["audiences"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["vault"]);

        var parts = token.Split('.');
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        claims["sub"] = "system:serviceaccount:kube-system:admin";
        var tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
        (await ReviewAsync(tampered, """["vault"]"""))["status"]!["error"]!.GetValue<string>().ShouldBe("[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]");

        var issuer = (await server.ServiceAccountKeys.GetAsync(server.Cluster, CancellationToken.None))!;
        var account = JsonNode.Parse((await (await server.CreateHttpClient().GetAsync($"api/v1/namespaces/{ns}/serviceaccounts/checked")).Content.ReadAsStringAsync()))!.AsObject();
        var expired = JsonWebToken.Sign(issuer, ServiceAccountTokenClaims.Bound(issuer.Issuer, account, ["https://kubernetes.default.svc"], DateTimeOffset.UtcNow.AddHours(-3), 3600, null, "", ""));
        (await ReviewAsync(expired))["status"]!["error"]!.GetValue<string>().ShouldBe("[invalid bearer token, service account token has expired]");
        using var asExpired = server.CreateHttpClient(expired);
        (await asExpired.GetJsonAsync("api/v1/namespaces")).Code.ShouldBe(401);
    }

    [Fact]
    public async Task LegacySecret_ForAccount_FilledAndAuthenticates()
    {
        var (ns, uid) = await CreateServiceAccountAsync("legacy");
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/secrets",
            """{"metadata":{"name":"legacy-token","annotations":{"kubernetes.io/service-account.name":"legacy"}},"type":"kubernetes.io/service-account-token"}""");
        code.ShouldBe(201, body?.ToJsonString());
        body!["metadata"]!["annotations"]!["kubernetes.io/service-account.uid"]!.GetValue<string>().ShouldBe(uid);
        var data = body["data"]!;
        Encoding.UTF8.GetString(Convert.FromBase64String(data["namespace"]!.GetValue<string>())).ShouldBe(ns);
        Encoding.UTF8.GetString(Convert.FromBase64String(data["ca.crt"]!.GetValue<string>())).ShouldBe(server.CaPem);
        var token = Encoding.UTF8.GetString(Convert.FromBase64String(data["token"]!.GetValue<string>()));
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!;
        claims["iss"]!.GetValue<string>().ShouldBe("kubernetes/serviceaccount");
        claims["kubernetes.io/serviceaccount/secret.name"]!.GetValue<string>().ShouldBe("legacy-token");
        claims["kubernetes.io/serviceaccount/service-account.uid"]!.GetValue<string>().ShouldBe(uid);

        (await ReviewAsync(token))["status"]!["user"]!["username"]!.GetValue<string>().ShouldBe($"system:serviceaccount:{ns}:legacy");
        (await http.DeleteAsync($"api/v1/namespaces/{ns}/secrets/legacy-token")).EnsureSuccessStatusCode();
        (await ReviewAsync(token))["status"]!["error"]!.GetValue<string>().ShouldBe("[invalid bearer token, Token has been invalidated]");

        var orphan = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/secrets",
            """{"metadata":{"name":"orphan","annotations":{"kubernetes.io/service-account.name":"nobody"}},"type":"kubernetes.io/service-account-token"}""");
        orphan.Code.ShouldBe(404);
        orphan.Body!["message"]!.GetValue<string>().ShouldBe("serviceaccounts \"nobody\" not found");
    }

    private async Task<(string Namespace, string Uid)> CreateServiceAccountAsync(string name, string? ns = null)
    {
        ns ??= await server.CreateNamespaceAsync("sa");
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/serviceaccounts", $$$"""{"metadata":{"name":"{{{name}}}"}}""");
        code.ShouldBe(201);
        return (ns, body!["metadata"]!["uid"]!.GetValue<string>());
    }

    private async Task<string> IssueAsync(string ns, string name, string body)
    {
        using var http = server.CreateHttpClient();
        var (code, answer, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/serviceaccounts/{name}/token", body);
        code.ShouldBe(201, answer?.ToJsonString());
        return answer!["status"]!["token"]!.GetValue<string>();
    }

    private async Task<JsonNode> ReviewAsync(string token, string audiences = "[]")
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.SendJsonAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/tokenreviews",
            $$$"""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"{{{token}}}","audiences":{{{audiences}}}}}""");
        code.ShouldBe(201, body?.ToJsonString());
        return body!;
    }
}
