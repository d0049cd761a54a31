using System.Text.Json.Serialization;

namespace Lotse.Aws.Ec2;

/// <summary>A security group as stored under <c>/aws/ec2/&lt;account&gt;/&lt;region&gt;/security-groups/&lt;id&gt;</c>. Lotse keeps no rules.</summary>
public sealed record Ec2SecurityGroup(string GroupId, string VpcId, string GroupName, string Description, string OwnerId, IReadOnlyList<Ec2Tag> Tags)
{
    public const string DefaultName = "default";

    [JsonIgnore]
    public bool IsDefault => GroupName == DefaultName;

    public string Arn(string region) => $"arn:aws:ec2:{region}:{OwnerId}:security-group/{GroupId}";

    public Ec2SecurityGroupInfo ToInfo() => new(GroupId, VpcId, GroupName);
}
