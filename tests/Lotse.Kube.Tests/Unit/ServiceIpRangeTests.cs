using Lotse.Kube.Registry;

namespace Lotse.Kube.Tests.Unit;

public sealed class ServiceIpRangeTests
{
    [Theory]
    [InlineData("10.100.0.0/16", "10.100.0.1", 65534u)]
    [InlineData("172.20.0.0/16", "172.20.0.1", 65534u)]
    [InlineData("10.0.0.0/24", "10.0.0.1", 254u)]
    [InlineData("10.0.0.5/24", "10.0.0.1", 254u)]
    public void Parse_Cidr_FirstAddressAndSize(string cidr, string first, uint size)
    {
        var range = ServiceIpRange.Parse(cidr);
        range.First.ShouldBe(first);
        range.Size.ShouldBe(size);
    }

    [Theory]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.0.0.254", true)]
    [InlineData("10.0.0.255", false)]
    [InlineData("10.0.1.1", false)]
    [InlineData("garbage", false)]
    public void Contains_Address_ExcludesNetworkAndBroadcast(string ip, bool expected)
    {
        ServiceIpRange.Parse("10.0.0.0/24").Contains(ip).ShouldBe(expected);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("fd00::/108")]
    [InlineData("10.0.0.0/31")]
    public void Parse_Unsupported_FormatException(string cidr)
    {
        Should.Throw<FormatException>(() => ServiceIpRange.Parse(cidr));
    }
}
