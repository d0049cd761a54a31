using System.Xml.Linq;

namespace Lotse.Bench;

/// <summary>
/// The request for the default VPC's subnets (EC2 DescribeSubnets, query protocol) and the two ids a cluster is created with:
/// EKS checks its subnets against EC2, so the benches create clusters on subnets that exist.
/// </summary>
internal static class DefaultSubnets
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public const string Request = "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=default-for-az&Filter.1.Value.1=true";

    /// <summary>The first two subnet ids of a DescribeSubnets answer (default subnets are one per availability zone).</summary>
    public static string[] Parse(int status, string body)
    {
        if (status != 200)
        {
            throw new InvalidOperationException($"DescribeSubnets answered {status}: {body}");
        }

        var ids = XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "subnetId").Select(e => e.Value).ToArray();
        return ids.Length >= 2 ? ids[..2] : throw new InvalidOperationException($"DescribeSubnets listed fewer than two default subnets: {body}");
    }
}
