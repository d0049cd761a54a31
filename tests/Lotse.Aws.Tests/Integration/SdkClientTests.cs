using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Lotse.Aws.Sts;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Integration;

/// <summary>The C# path that always runs: the AWS SDK's signer and STS client against the real endpoint.</summary>
public sealed class SdkClientTests(AwsEndpointFixture endpoint) : IClassFixture<AwsEndpointFixture>
{
    [Fact]
    public async Task HttpClientSignedBySdk_GetCallerIdentity_AdminIdentityXml()
    {
        using var client = new HttpClient();
        var body = Encoding.UTF8.GetBytes("Action=GetCallerIdentity&Version=2011-06-15");

        using var response = await SdkSigner.SendAsync(client, HttpMethod.Post, endpoint.Endpoint, "application/x-www-form-urlencoded; charset=utf-8", body,
            endpoint.Installation.AdminAccessKeyId, endpoint.Installation.AdminSecretAccessKey, "eu-central-1", "sts");

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        response.Headers.GetValues("x-amzn-RequestId").Single().ShouldNotBeNullOrEmpty();
        XNamespace ns = StsService.Namespace;
        var result = XDocument.Parse(text).Root!.Element(ns + "GetCallerIdentityResult")!;
        result.Element(ns + "Arn")!.Value.ShouldBe(endpoint.Installation.AdminUserArn);
        result.Element(ns + "Account")!.Value.ShouldBe(endpoint.Installation.AccountId);
    }

    [Fact]
    public async Task SdkStsClient_GetCallerIdentity_ParsesOurResponse()
    {
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint.Endpoint.ToString(), AuthenticationRegion = "eu-central-1" };
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(endpoint.Installation.AdminAccessKeyId, endpoint.Installation.AdminSecretAccessKey), config);

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        identity.Arn.ShouldBe(endpoint.Installation.AdminUserArn);
        identity.Account.ShouldBe(endpoint.Installation.AccountId);
    }

    [Fact]
    public async Task SdkStsClient_WrongSecret_ThrowsSignatureDoesNotMatch()
    {
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint.Endpoint.ToString(), AuthenticationRegion = "eu-central-1", MaxErrorRetry = 0 };
        using var sts = new AmazonSecurityTokenServiceClient(new BasicAWSCredentials(endpoint.Installation.AdminAccessKeyId, "nope"), config);

        var error = await Should.ThrowAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        error.ErrorCode.ShouldBe("SignatureDoesNotMatch");
        ((int)error.StatusCode).ShouldBe(403);
    }
}
