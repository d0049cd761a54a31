using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class CertificateSigningRequestStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "certificatesigningrequests", "certificates.k8s.io/v1", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    /// <summary>A fresh PEM CSR for CN=<paramref name="commonName"/>, base64-encoded as the JSON form of <c>spec.request</c>.</summary>
    public static string RequestBase64(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
    }

    private static string Csr(string name, string request, string extra = "") =>
        $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"request":"{{{request}}}","signerName":"kubernetes.io/kube-apiserver-client","usages":["client auth"],"username":"mallory","groups":["system:masters"]{{{extra}}}},"status":{"conditions":[{"type":"Approved","status":"True"}]}}""";

    private static string UniqueName() => $"csr-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Create_Valid_RequesterStampedStatusClearedTable()
    {
        var name = UniqueName();
        var csr = await CreateOkAsync("", Csr(name, RequestBase64("alice"), ",\"expirationSeconds\":3600"));
        var spec = csr["spec"]!;
        spec["username"]!.GetValue<string>().ShouldBe("admin");
        spec["uid"]!.GetValue<string>().ShouldBe("admin-uid");
        spec["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["system:masters", "system:authenticated"]);
        csr["status"]!.AsObject().Count.ShouldBe(0);
        csr["metadata"]!["generation"].ShouldBeNull();

        (await ColumnsAsync("")).ShouldBe(["Name", "Age", "SignerName", "Requestor", "RequestedDuration", "Condition"]);
        var row = await RowAsync("", name);
        row[2]!.GetValue<string>().ShouldBe("kubernetes.io/kube-apiserver-client");
        row[3]!.GetValue<string>().ShouldBe("admin");
        row[4]!.GetValue<string>().ShouldBe("60m");
        row[5]!.GetValue<string>().ShouldBe("Pending");
    }

    [Fact]
    public async Task Create_BadRequestUsagesSigner_UpstreamMessages()
    {
        var notPem = Convert.ToBase64String("hi"u8.ToArray());
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"bad"},"spec":{"request":"{{{notPem}}}","signerName":"example","usages":["client auth","flying","client auth"],"expirationSeconds":60}}""");
        status["message"]!.GetValue<string>().ShouldBe("CertificateSigningRequest.certificates.k8s.io \"bad\" is invalid: [spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST, "
            + "spec.usages[1]: Unsupported value: \"flying\": supported values: \"any\", \"cert sign\", \"client auth\", \"code signing\", \"content commitment\", \"crl sign\", \"data encipherment\", \"decipher only\", \"digital signature\", \"email protection\", \"encipher only\", \"ipsec end system\", \"ipsec tunnel\", \"ipsec user\", \"key agreement\", \"key encipherment\", \"microsoft sgc\", \"netscape sgc\", \"ocsp signing\", \"s/mime\", \"server auth\", \"signing\", \"timestamping\", "
            + "spec.usages[2]: Duplicate value: \"client auth\", "
            + "spec.signerName: Invalid value: \"example\": must be a fully qualified domain and path of the form 'example.com/signer-name', "
            + "spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)]");
        var missing = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"nosigner"},"spec":{"request":"{{{RequestBase64("bob")}}}","usages":["client auth"]}}""");
        missing["message"]!.GetValue<string>().ShouldBe("CertificateSigningRequest.certificates.k8s.io \"nosigner\" is invalid: spec.signerName: Required value");
    }

    [Fact]
    public async Task Update_SpecAndStatusIgnored_ApprovalSetsCondition()
    {
        var name = UniqueName();
        await CreateOkAsync("", Csr(name, RequestBase64("carol")));
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"metadata":{"labels":{"a":"b"}},"spec":{"signerName":"example.com/other"},"status":{"conditions":[{"type":"Approved","status":"True"}]}}""", MergePatch);
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["spec"]!["signerName"]!.GetValue<string>().ShouldBe("kubernetes.io/kube-apiserver-client");
        updated["status"]!.AsObject().Count.ShouldBe(0);
        updated["metadata"]!["labels"]!["a"]!.GetValue<string>().ShouldBe("b");

        var (statusCode, viaStatus, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"status":{"conditions":[{"type":"Approved","status":"True"}]}}""", MergePatch);
        statusCode.ShouldBe(422);
        viaStatus!["message"]!.GetValue<string>().ShouldBe($"CertificateSigningRequest.certificates.k8s.io \"{name}\" is invalid: status.conditions: Forbidden: updates may not add a condition of type \"Approved\"");

        var (approvalCode, approved, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/approval", """{"status":{"conditions":[{"type":"Approved","status":"True","reason":"Test"}],"certificate":"eA=="}}""", MergePatch);
        approvalCode.ShouldBe(200, approved?.ToJsonString());
        var condition = approved!["status"]!["conditions"]![0]!;
        condition["lastUpdateTime"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        condition["lastTransitionTime"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        approved["status"]!["certificate"].ShouldBeNull();
        (await RowAsync("", name))[5]!.GetValue<string>().ShouldBe("Approved");

        var (denyCode, denied, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Collection("")}/{name}/approval", WithConditions(approved, """[{"type":"Approved","status":"True"},{"type":"Denied","status":"True"}]"""));
        denyCode.ShouldBe(422);
        denied!["message"]!.GetValue<string>().ShouldBe($"CertificateSigningRequest.certificates.k8s.io \"{name}\" is invalid: status.conditions[1].type: Invalid value: \"Denied\": Approved and Denied conditions are mutually exclusive");

        var (removeCode, removed, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Collection("")}/{name}/approval", WithConditions(approved, "[]"));
        removeCode.ShouldBe(422);
        removed!["message"]!.GetValue<string>().ShouldBe($"CertificateSigningRequest.certificates.k8s.io \"{name}\" is invalid: status.conditions: Forbidden: updates may not remove a condition of type \"Approved\"");
    }

    [Fact]
    public async Task Create_NumberRequest_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(""), """{"metadata":{"name":"num"},"spec":{"request":5,"signerName":"example.com/x","usages":["client auth"]}}""");
        code.ShouldBe(400, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldContain("cannot unmarshal number into Go struct field CertificateSigningRequestSpec.spec.request of type []uint8");
    }

    private static string WithConditions(JsonNode csr, string conditions)
    {
        var copy = csr.DeepClone();
        copy["status"]!["conditions"] = JsonNode.Parse(conditions);
        return copy.ToJsonString();
    }
}
