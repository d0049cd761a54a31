using System.Net;

namespace Lotse.Kube.Tests.Unit;

/// <summary>
/// The listener decision: endpointPublicAccess and publicAccessCidrs over IPv4, IPv6 and IPv4-mapped clients on the public listener,
/// endpointPrivateAccess alone on the private one.
/// </summary>
public sealed class KubeEndpointAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::5", true)]
    public void From_Defaults_AllowEveryone(string client, bool allowed) =>
        KubeEndpointAccess.From(null, null).AllowsPublic(IPAddress.Parse(client)).ShouldBe(allowed);

    [Fact]
    public void From_PublicAccessOff_RefusesEveryone()
    {
        var access = KubeEndpointAccess.From(false, ["0.0.0.0/0"]);

        access.AllowsPublic(IPAddress.Loopback).ShouldBeFalse();
        access.AllowsPublic(IPAddress.IPv6Loopback).ShouldBeFalse();
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("2001:db8::5", true)]
    [InlineData("2001:db9::5", false)]
    [InlineData("::1", false)]
    public void AllowsPublic_Cidrs_MatchV4V6AndMappedAddresses(string client, bool allowed) =>
        KubeEndpointAccess.From(true, ["10.0.0.0/8", "2001:db8::/32"]).AllowsPublic(IPAddress.Parse(client)).ShouldBe(allowed);

    [Fact]
    public void AllowsPublic_NoRemoteAddress_IsRefusedUnderACidrList() =>
        KubeEndpointAccess.From(true, ["127.0.0.1/32"]).AllowsPublic(null).ShouldBeFalse();

    [Fact]
    public void Allows_PrivateListener_OnlyPrivateAccessCounts()
    {
        KubeEndpointAccess.From(null, null).Allows(IPAddress.Loopback, viaPrivateListener: true).ShouldBeFalse();

        var both = KubeEndpointAccess.From(true, ["10.0.0.0/8"], privateAccess: true);
        both.Allows(IPAddress.Loopback, viaPrivateListener: true).ShouldBeTrue();
        both.Allows(IPAddress.Loopback, viaPrivateListener: false).ShouldBeFalse();

        var privateOnly = KubeEndpointAccess.From(false, null, privateAccess: true);
        privateOnly.Allows(IPAddress.Loopback, viaPrivateListener: true).ShouldBeTrue();
        privateOnly.Allows(IPAddress.Loopback, viaPrivateListener: false).ShouldBeFalse();

        var publicEverywhereAndPrivate = KubeEndpointAccess.From(true, ["0.0.0.0/0"], privateAccess: true);
        publicEverywhereAndPrivate.Allows(IPAddress.Parse("2001:db8::5"), viaPrivateListener: false).ShouldBeTrue();
    }
}
