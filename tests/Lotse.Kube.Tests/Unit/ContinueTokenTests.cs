using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;

namespace Lotse.Kube.Tests.Unit;

public sealed class ContinueTokenTests
{
    [Fact]
    public void EncodeDecode_Token_RoundTrips()
    {
        var token = new ContinueToken(1234, "default/x\0");
        ContinueToken.Decode(token.Encode()).ShouldBe(token);
    }

    [Fact]
    public void Encode_Token_IsUpstreamShape()
    {
        var encoded = new ContinueToken(5, "a").Encode().Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(encoded.PadRight(encoded.Length + ((4 - (encoded.Length % 4)) % 4), '='));
        System.Text.Encoding.UTF8.GetString(json).ShouldBe("""{"v":"meta.k8s.io/v1","rv":5,"start":"a"}""");
    }

    [Theory]
    [InlineData("not-base64!!")]
    [InlineData("e30")]
    public void Decode_Garbage_BadRequest(string token)
    {
        Should.Throw<KubeStatusException>(() => ContinueToken.Decode(token)).Status.Code.ShouldBe(400);
    }
}
