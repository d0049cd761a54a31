using System.Security.Cryptography;

namespace Lotse.Aws.Ec2;

/// <summary>Random EC2 resource ids: a type prefix plus 17 lower-case hex digits (<c>vpc-0a1b…</c>), as EC2's long ids.</summary>
public static class Ec2Ids
{
    private const string Hex = "0123456789abcdef";

    public static string NewVpcId() => "vpc-" + Random(Hex, 17);

    public static string NewSubnetId() => "subnet-" + Random(Hex, 17);

    public static string NewSecurityGroupId() => "sg-" + Random(Hex, 17);

    public static string NewCidrAssociationId() => "vpc-cidr-assoc-" + Random(Hex, 17);

    public static string NewDhcpOptionsId() => "dopt-" + Random(Hex, 17);

    /// <summary>The digits EKS appends to a cluster security group's name.</summary>
    public static string NewDigits(int length) => Random("0123456789", length);

    private static string Random(string alphabet, int length) => new(RandomNumberGenerator.GetItems<char>(alphabet, length));
}
