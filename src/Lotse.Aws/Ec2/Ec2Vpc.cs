namespace Lotse.Aws.Ec2;

/// <summary>A VPC as stored under <c>/aws/ec2/&lt;account&gt;/&lt;region&gt;/vpcs/&lt;id&gt;</c>.</summary>
public sealed record Ec2Vpc(string VpcId, string CidrBlock, bool IsDefault, string OwnerId, string CidrAssociationId, string DhcpOptionsId, IReadOnlyList<Ec2Tag> Tags);
