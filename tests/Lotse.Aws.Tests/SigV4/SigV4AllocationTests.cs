using Lotse.Aws.SigV4;
using Microsoft.AspNetCore.Http;

namespace Lotse.Aws.Tests.SigV4;

/// <summary>Verification runs on every AWS request; this keeps its garbage bounded.</summary>
public sealed class SigV4AllocationTests
{
    [Fact]
    public void Verify_TypicalEksRequest_AllocatesUnderFourKilobytes()
    {
        var body = "{\"name\":\"demo\",\"roleArn\":\"arn:aws:iam::111122223333:role/eksClusterRole\",\"resourcesVpcConfig\":{\"subnetIds\":[\"subnet-1\",\"subnet-2\"]}}"u8.ToArray();
        IHeaderDictionary headers = new HeaderDictionary
        {
            ["Host"] = "127.0.0.1:4566",
            ["Content-Type"] = "application/json",
            ["X-Amz-Date"] = "20261203T120000Z",
        };
        var target = "/clusters/demo/access-entries/arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdev";
        var canonical = SigV4HeaderVerifier.BuildCanonicalRequest("POST", target, headers, "content-type;host;x-amz-date", body);
        var stringToSign = Lotse.Aws.SigV4.SigV4.StringToSign("20261203T120000Z", "20261203", "eu-central-1", "eks", canonical);
        var signature = Lotse.Aws.SigV4.SigV4.ComputeSignature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20261203", "eu-central-1", "eks", stringToSign);
        var auth = new SigV4Authorization("AKIAIOSFODNN7EXAMPLE", "20261203", "eu-central-1", "eks", "content-type;host;x-amz-date", signature);
        Verify(auth, headers, target, body).ShouldBe(SigV4Failure.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Verify(auth, headers, target, body);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        perCall.ShouldBeLessThan(4096);
    }

    private static SigV4Failure Verify(SigV4Authorization auth, IHeaderDictionary headers, string target, byte[] body) =>
        SigV4HeaderVerifier.Verify(auth, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20261203T120000Z", "POST", target, headers, body);
}
